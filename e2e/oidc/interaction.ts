import type { IncomingMessage, ServerResponse } from "node:http";
import type { Provider } from "oidc-provider";
import { escapeHtml, page } from "./pages.ts";
import type { TestResource, TestUser } from "./provider.ts";

interface Directory {
  users: Map<string, TestUser>;
  resources: TestResource[];
}

const MAX_FORM_BYTES = 4096;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

function loginPage(uid: string, users: Map<string, TestUser>, error?: string): string {
  const known = [...users.values()].map((u) => `<li><code>${escapeHtml(u.id)}</code> — ${escapeHtml(u.name)} (${escapeHtml(u.roles.join(", ") || "no roles")})</li>`).join("");
  return page(
    "Sign in to the Rolecall test provider",
    (error ? `<p role="alert">${escapeHtml(error)}</p>` : "") +
      `<form method="post" action="/interaction/${escapeHtml(uid)}/login">` +
      `<label for="username">Username</label> <input id="username" name="username" autocomplete="off" autofocus required>` +
      ` <button type="submit">Sign in</button></form>` +
      `<p>Test users (no password):</p><ul>${known}</ul>`,
  );
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

/**
 * The provider's sign-in step: a page with one Username field (no password: these are test users).
 * Signing in also grants every requested scope and every configured API at once, the way an
 * admin-consented Entra ID app behaves, so no consent page appears and a refresh token can later be
 * exchanged for any of the APIs (MSAL asks for the management scope that way).
 */
export async function handleInteraction(provider: Provider, dir: Directory, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt, params } = details;

  if (req.method === "GET") {
    if (prompt.name === "login") {
      send(res, 200, loginPage(uid, dir.users));
      return;
    }
    // Already signed in (a session exists), only consent is missing: grant it without a page.
    const accountId = details.session?.accountId;
    if (!accountId) throw new Error("no session for consent");
    await provider.interactionFinished(req, res, { consent: { grantId: await grantAll(provider, dir, accountId, params) } }, { mergeWithLastSubmission: true });
    return;
  }

  if (req.method === "POST" && req.url?.endsWith("/login")) {
    const username = (await readForm(req)).get("username")?.trim() ?? "";
    if (!dir.users.has(username)) {
      send(res, 200, loginPage(uid, dir.users, `No test user "${username}".`));
      return;
    }
    const grantId = await grantAll(provider, dir, username, params);
    await provider.interactionFinished(req, res, { login: { accountId: username }, consent: { grantId } }, { mergeWithLastSubmission: false });
    return;
  }
  send(res, 405, page("Not allowed", ""));
}

async function grantAll(provider: Provider, dir: Directory, accountId: string, params: { client_id: string; scope?: string }): Promise<string> {
  const grant = new provider.Grant({ accountId, clientId: params.client_id });
  grant.addOIDCScope("openid profile email offline_access");
  for (const resource of dir.resources) grant.addResourceScope(resource.audience, resource.scope);
  return grant.save();
}
