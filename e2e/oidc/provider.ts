import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type ClientLike, type KoaContextLike, type AccessTokenLike } from "oidc-provider";
import { handleInteraction } from "./interaction.ts";
import { plainPages } from "./pages.ts";
import { generateTestTls } from "./tls.ts";

export interface TestUser {
  /** Becomes `sub` and `oid`. */
  id: string;
  name: string;
  /** App role values, e.g. ["Rolecall.Reader"]. */
  roles: string[];
}

export interface TestClient {
  client_id: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
}

/** A protected API the provider mints JWT access tokens for. */
export interface TestResource {
  /** Resource indicator and `aud` of its tokens, e.g. "api://rolecall". */
  audience: string;
  /** The one scope that selects it, e.g. "api://rolecall/access" (MSAL sends scopes, not `resource`). */
  scope: string;
}

export interface OidcProviderOptions {
  port?: number;
  clients: TestClient[];
  users: TestUser[];
  /** The proxy's API. Its scope defaults to `${audience}/access`. */
  audience: string;
  apiScope?: string;
  /** More APIs, e.g. a stand-in for the management API in passthrough tests. */
  extraResources?: TestResource[];
  /** Lifetime of access tokens (and ID tokens); short values let tests exercise renewal. */
  accessTokenTtlSec?: number;
}

export interface OidcProvider {
  /** `iss` of every token, and the authority for MSAL (no trailing slash). */
  issuer: string;
  url: string;
  /** PEM of the CA that signed the HTTPS certificate: trust this, nothing else. */
  caPem: string;
  /** The API scope of the main audience. */
  apiScope: string;
  close(): Promise<void>;
}

/**
 * OpenID Connect Core §11 lets a provider ignore `offline_access` unless `prompt=consent` is sent,
 * and oidc-provider does. Entra ID issues SPA refresh tokens without it, and MSAL never sends it, so
 * (like Entra ID) an authorization request asking for offline access without any `prompt` is
 * treated as consenting. The interaction grants consent without showing a page.
 */
function withConsentForOfflineAccess(url: string): string {
  const parsed = new URL(url, "https://placeholder.invalid");
  if (parsed.pathname !== "/auth") return url;
  const scope = parsed.searchParams.get("scope")?.split(" ") ?? [];
  if (!scope.includes("offline_access") || parsed.searchParams.has("prompt")) return url;
  parsed.searchParams.set("prompt", "consent");
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * A real OpenID Connect provider for tests (oidc-provider, over HTTPS with a certificate made now):
 * authorization code + PKCE for a public SPA client, refresh tokens (offline_access) for silent
 * renewal, JWT access tokens for the configured APIs carrying `roles`, `name` and `oid` like Entra ID,
 * and a one-field sign-in page. Nothing here reaches the network beyond 127.0.0.1.
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProvider> {
  const tls = await generateTestTls();
  const apiScope = options.apiScope ?? `${options.audience}/access`;
  const resources: TestResource[] = [{ audience: options.audience, scope: apiScope }, ...(options.extraResources ?? [])];
  const ttl = options.accessTokenTtlSec ?? 3600;
  const users = new Map(options.users.map((u) => [u.id, u]));

  // The issuer needs the port, the port needs a listening server: route through a late-bound handler.
  let handler = (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(503).end();
  };
  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `https://127.0.0.1:${port}`;

  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

  const requestedResources = (ctx: KoaContextLike): string[] => {
    const scope = typeof ctx.oidc.params?.scope === "string" ? ctx.oidc.params.scope.split(" ") : [];
    return resources.filter((r) => scope.includes(r.scope)).map((r) => r.audience);
  };

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      ...c,
      // A browser app cannot keep a secret: public client, PKCE required below.
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    })),
    jwks: { keys: [{ ...signingKey, kid: `test-${randomBytes(4).toString("hex")}`, alg: "RS256", use: "sig" }] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    pkce: { required: () => true },
    scopes: ["openid", "offline_access", "profile", "email"],
    claims: { openid: ["sub"], profile: ["name", "preferred_username", "oid", "roles"], email: ["email"] },
    // Entra ID puts profile claims and roles in the ID token; MSAL reads the account from it.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, sub: string) => {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, oid: user.id, name: user.name, preferred_username: `${user.id}@rolecall.test`, roles: user.roles }),
      };
    },
    // Access tokens carry what an Entra ID token for an API with app roles carries.
    extraTokenClaims: (_ctx: unknown, token: AccessTokenLike) => {
      const user = token.accountId ? users.get(token.accountId) : undefined;
      if (!user || !token.resourceServer) return undefined;
      return { oid: user.id, name: user.name, roles: user.roles };
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: plainPages.logout, postLogoutSuccessSource: plainPages.loggedOut },
      resourceIndicators: {
        enabled: true,
        // MSAL never sends `resource`; the scopes say which API is meant, as with Entra ID.
        defaultResource: (ctx: KoaContextLike, _client: unknown, oneOf?: string[]) => {
          const wanted = requestedResources(ctx);
          if (oneOf) return oneOf.find((r) => wanted.includes(r)) ?? oneOf[0];
          if (wanted.length === 0) return undefined;
          return wanted.length === 1 ? wanted[0] : wanted;
        },
        // Use the resource granted at authorization even though `openid` is also requested.
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          const resource = resources.find((r) => r.audience === indicator);
          if (!resource) throw new Error(`unknown resource ${indicator}`);
          return { scope: resource.scope, audience: resource.audience, accessTokenTTL: ttl, accessTokenFormat: "jwt", jwt: { sign: { alg: "RS256" } } };
        },
      },
    },
    clientBasedCORS: (_ctx: unknown, origin: string, client: ClientLike) =>
      client.redirectUris.some((uri) => URL.parse(uri)?.origin === origin),
    ttl: {
      AccessToken: ttl,
      IdToken: ttl,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 86_400,
      Grant: 86_400,
      RefreshToken: 86_400,
    },
    renderError: plainPages.error,
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  });

  const oidcCallback = provider.callback();
  handler = (req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      handleInteraction(provider, { users, resources }, req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
        res.end(`interaction failed: ${(error as Error).message}`);
      });
      return;
    }
    req.url = withConsentForOfflineAccess(req.url ?? "/");
    oidcCallback(req, res);
  };

  return {
    issuer,
    url: issuer,
    caPem: tls.caPem,
    apiScope,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
