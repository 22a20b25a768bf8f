import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import type { JwtVerifier } from "../../src/server/auth/jwt-verifier.ts";

// A throw-away page that runs the real SPA MSAL wrapper (src/web/lib/msal, bundled now with
// esbuild, which tsx already depends on) against the local provider, plus an /api/me that checks
// the bearer token with the proxy's verifier. It proves browser, provider and proxy verifier fit
// before the real SPA and proxy are wired (phase 2 replaces it with the real app).

const APP_JS = `
const settings = await (await fetch("/settings.json")).json();
const { createMsalAuth, SignInRedirectError } = await import("/msal.js");
const out = (id, text) => { document.getElementById(id).textContent = text; };
const auth = await createMsalAuth(settings.auth, { tokenRenewalOffsetSeconds: settings.renewalOffsetSec });
const account = auth.getAccount();
out("who", account ? account.name + " (" + account.appRoles.join(", ") + ")" : "signed out");
const calls = [];
async function callApi() {
  try {
    const token = await auth.getApiToken();
    calls.push(token);
    const res = await fetch("/api/me", { headers: { authorization: "Bearer " + token } });
    const body = await res.json();
    out("api", res.status + " " + (body.roles ? body.roles.join(",") : body.reason) + " call " + calls.length + " distinct tokens " + new Set(calls).size);
  } catch (e) {
    if (!(e instanceof SignInRedirectError)) out("api", "error " + e.message);
  }
}
document.getElementById("sign-in").onclick = () => auth.signIn();
document.getElementById("sign-out").onclick = () => auth.signOut();
document.getElementById("call").onclick = callApi;
out("ready", "ready");
`;

const INDEX_HTML = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>MSAL smoke</title></head><body>
<p>User: <span id="who">…</span></p><p>API: <span id="api">not called</span></p>
<button id="sign-in">Sign in</button><button id="call">Call API</button><button id="sign-out">Sign out</button>
<p id="ready"></p><script type="module" src="/app.js"></script></body></html>`;

export interface MsalTestAppSetup {
  /** The /api/config auth block the page starts MSAL with. */
  auth: unknown;
  verifier: JwtVerifier;
  renewalOffsetSec?: number;
}

export interface MsalTestApp {
  url: string;
  /** The provider needs the app's URL (redirect URI) first, so setup comes after start. */
  configure(setup: MsalTestAppSetup): void;
  close(): Promise<void>;
}

export async function startMsalTestApp(): Promise<MsalTestApp> {
  const bundle = await build({
    entryPoints: [new URL("../../src/web/lib/msal/index.ts", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const msalJs = bundle.outputFiles[0]?.text ?? "";
  let setup: MsalTestAppSetup | undefined;

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const send = (type: string, body: string, status = 200) => res.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
    if (path === "/msal.js") return send("text/javascript", msalJs);
    if (path === "/app.js") return send("text/javascript", APP_JS);
    if (!setup) return send("text/plain", "not configured", 503);
    if (path === "/settings.json") return send("application/json", JSON.stringify({ auth: setup.auth, renewalOffsetSec: setup.renewalOffsetSec }));
    if (path === "/api/me") {
      void setup.verifier.verify(req.headers.authorization).then((r) =>
        r.ok ? send("application/json", JSON.stringify(r.actor)) : send("application/json", JSON.stringify({ reason: r.reason }), r.status),
      );
      return;
    }
    // Any other path is an app route (deep links): serve the page.
    send("text/html", INDEX_HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    configure(next) {
      setup = next;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
