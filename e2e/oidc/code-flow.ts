import { createHash, randomBytes } from "node:crypto";
import { request } from "node:https";

// A browser-less client of the test provider: authorization code + PKCE with plain HTTPS requests,
// following the sign-in page like a person would. Tests use it to get real tokens without Chromium
// (API tests of the proxy, and the proof that provider and verifier fit).

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request trusting only `caPem`; redirects are returned, not followed. */
export function send(url: string, caPem: string, method: "GET" | "POST" | "OPTIONS", headers: Record<string, string>, body?: string): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url), { method, headers, ca: caPem }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

class CookieJar {
  readonly #cookies = new Map<string, string>();
  store(setCookie: string | string[] | undefined): void {
    for (const line of [setCookie ?? []].flat()) {
      const pair = line.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      if (eq > 0) this.#cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export interface TokenSet {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  scope?: string;
  token_type: string;
}

export interface CodeFlowOptions {
  issuer: string;
  caPem: string;
  clientId: string;
  redirectUri: string;
  username: string;
  scope: string;
}

async function discover(issuer: string, caPem: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const reply = await send(`${issuer}/.well-known/openid-configuration`, caPem, "GET", { accept: "application/json" });
  if (reply.status !== 200) throw new Error(`discovery answered ${reply.status}`);
  return JSON.parse(reply.body) as { authorization_endpoint: string; token_endpoint: string };
}

function location(reply: HttpReply, base: string): string {
  const loc = reply.headers.location;
  if (typeof loc !== "string" || reply.status < 300 || reply.status > 399) {
    throw new Error(`expected a redirect, got ${reply.status}: ${reply.body.slice(0, 300)}`);
  }
  return new URL(loc, base).href;
}

/** Signs `username` in and redeems the code; returns the provider's token response. */
export async function signInWithCodeFlow(o: CodeFlowOptions): Promise<TokenSet> {
  const { authorization_endpoint, token_endpoint } = await discover(o.issuer, o.caPem);
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(16).toString("base64url");
  const authorize = new URL(authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: o.clientId,
    redirect_uri: o.redirectUri,
    response_type: "code",
    scope: o.scope,
    state,
    nonce: randomBytes(16).toString("base64url"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();

  const jar = new CookieJar();
  const get = async (url: string) => {
    const reply = await send(url, o.caPem, "GET", { cookie: jar.header() });
    jar.store(reply.headers["set-cookie"]);
    return reply;
  };

  // authorize → sign-in page → submit the username → resume → redirect_uri?code=…
  const interactionUrl = location(await get(authorize.href), o.issuer);
  const loginPage = await get(interactionUrl);
  const action = /<form method="post" action="([^"]+)"/.exec(loginPage.body)?.[1];
  if (!action) throw new Error(`no sign-in form at ${interactionUrl}: ${loginPage.body.slice(0, 300)}`);
  const submitted = await send(new URL(action, o.issuer).href, o.caPem, "POST", {
    cookie: jar.header(),
    "content-type": "application/x-www-form-urlencoded",
  }, new URLSearchParams({ username: o.username }).toString());
  jar.store(submitted.headers["set-cookie"]);
  const callback = new URL(location(await get(location(submitted, o.issuer)), o.issuer));

  if (callback.searchParams.get("state") !== state) throw new Error("state mismatch");
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code: ${callback.searchParams.get("error") ?? "?"} ${callback.searchParams.get("error_description") ?? ""}`);

  return tokenRequest(token_endpoint, o.caPem, {
    grant_type: "authorization_code",
    client_id: o.clientId,
    redirect_uri: o.redirectUri,
    code,
    code_verifier: verifier,
  });
}

/** Exchanges a refresh token (what MSAL's silent renewal does), optionally for another API's scope. */
export async function refreshTokens(o: { issuer: string; caPem: string; clientId: string; refreshToken: string; scope?: string }): Promise<TokenSet> {
  const { token_endpoint } = await discover(o.issuer, o.caPem);
  return tokenRequest(token_endpoint, o.caPem, {
    grant_type: "refresh_token",
    client_id: o.clientId,
    refresh_token: o.refreshToken,
    ...(o.scope ? { scope: o.scope } : {}),
  });
}

async function tokenRequest(endpoint: string, caPem: string, form: Record<string, string>): Promise<TokenSet> {
  const reply = await send(endpoint, caPem, "POST", { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, new URLSearchParams(form).toString());
  if (reply.status !== 200) throw new Error(`token endpoint answered ${reply.status}: ${reply.body}`);
  return JSON.parse(reply.body) as TokenSet;
}
