import { ApiError } from "./api-client.ts";
import { actionVerbs } from "./format.ts";

const verbs: Record<string, string> = actionVerbs;

/** One or two sentences a person can act on, for any error the app can meet. */
export function explainError(err: unknown): string {
  if (!(err instanceof ApiError)) {
    return err instanceof Error ? err.message : "Something went wrong.";
  }
  const body = err.body;
  if (err.status === 409) {
    const b = body?.blocking;
    if (b?.action) {
      const what = `${verbs[b.action] ?? b.action}${b.instances?.length ? ` of ${b.instances.join(", ")}` : ""}`;
      const who = b.requestedBy ? ` requested by ${b.requestedBy}` : "";
      const id = b.id ? ` (operation ${b.id})` : "";
      return `Azure is busy with another operation on this deployment: ${what}${who}${id}. Wait for it to finish, then try again.`;
    }
    // The proxy already words upstream 409s plainly; add the lead sentence only when it did not.
    if (/busy/i.test(err.message)) return err.message;
    return `Azure is busy with another operation on this deployment. Wait for it to finish, then try again. (${err.message})`;
  }
  if (err.status === 502 || err.status === 503 || err.status === 504) {
    return `Azure did not answer properly (${err.status}${body?.upstreamStatus ? `, upstream ${body.upstreamStatus}` : ""}): ${err.message}`;
  }
  if (err.status === 429) return `Azure is throttling requests; Rolecall will try again shortly. ${err.message}`;
  if (err.status === 401) return `You are not signed in, or your sign-in expired. ${err.message}`;
  if (err.status === 403) return `You are not allowed to do this. ${err.message}`;
  return err.message;
}
