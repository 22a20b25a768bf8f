import { errorCatalog, isErrorCode, type ReachedAzure } from "../../shared/error-codes.ts";
import { ApiCallError } from "./api-client.ts";
import { formatDuration, formatTime } from "./format.ts";

// Errors are worded by their code from the shared catalog, never by HTTP status or message text: a
// 429 is Rolecall's own per-person limit and a 503 may be Azure throttling, and only the code says
// which. The proxy's message adds the specifics (which name, who or what holds the target).

/** For an action: did anything reach Azure? The one question an operator must not have to guess. */
const reachedSentence: Record<ReachedAzure, string> = {
  no: "Nothing was sent to Azure.",
  // The catalog's next step for each "maybe" code says to check the target: not said twice.
  maybe: "Rolecall cannot tell whether Azure acted on it.",
  yes: "Azure answered and did not carry it out.",
};

function retrySentence(err: ApiCallError): string | null {
  const at = err.retryAt;
  if (at === undefined || err.retryAfterSeconds === undefined) return null;
  return `You may ${err.isAction ? "act" : "try"} again at ${formatTime(at)} (in ${formatDuration(err.retryAfterSeconds)}).`;
}

/** The sentences for an error whose code the catalog knows; null sends it to the generic path. */
function explainByCode(err: ApiCallError): string | null {
  const body = err.body;
  if (err.kind !== "http" || !body || !isErrorCode(body.code)) return null;
  const entry = errorCatalog[body.code];
  // A job holds the target longer than one action does, and only pausing or cancelling it frees it:
  // say it is a job. The proxy's message says so itself, naming the job and who started it.
  const job = body.code === "DeploymentBusy" && body.blocking?.jobId !== undefined;
  const parts = job && body.message ? [] : [job ? "A rolling job holds this target." : entry.summary];
  if (body.message && body.message !== entry.summary) parts.push(body.message);
  if (err.isAction) {
    // A code the proxy also uses for Azure's own answers (NotFound) says "no"; an upstream status
    // in the envelope means Azure did answer.
    const reached = entry.reachedAzure === "no" && body.upstreamStatus !== undefined ? "yes" : entry.reachedAzure;
    parts.push(reachedSentence[reached]);
  }
  // When is the next step itself where the reply says; otherwise the catalog's, said once (the proxy
  // ends some messages with it, for HTTP clients other than this one).
  const retry = retrySentence(err);
  if (retry) parts.push(retry);
  else if (!job && !body.message.endsWith(entry.next)) parts.push(entry.next);
  return parts.join(" ");
}

/**
 * Whether an action that failed may have started all the same (a timeout, a reply cut short, an
 * error after the request reached Azure): its notice must not say "was not started".
 */
export function actionMayHaveStarted(err: unknown): boolean {
  if (!(err instanceof ApiCallError)) return false;
  // The proxy answered something unreadable: it may have sent the action before that.
  if (err.kind === "invalid-reply") return true;
  const code = err.body?.code;
  return err.kind === "http" && code !== undefined && isErrorCode(code) && errorCatalog[code].reachedAzure === "maybe";
}

/** A few sentences a person can act on, for any error the app can meet. */
export function explainError(err: unknown): string {
  if (!(err instanceof ApiCallError)) {
    return err instanceof Error ? err.message : "Something went wrong.";
  }
  // Network, invalid-reply and sign-in-required errors are worded where they are raised; an
  // unknown code (a newer proxy) or a reply without the envelope shows the proxy's own message.
  return explainByCode(err) ?? err.message;
}
