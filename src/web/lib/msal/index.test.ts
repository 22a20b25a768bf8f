import { beforeEach, describe, expect, it, vi } from "vitest";
import { BrowserAuthError, InteractionRequiredAuthError, ServerError, type AccountInfo, type AuthenticationResult, type Configuration } from "@azure/msal-browser";
import { createMsalAuth, msalConfiguration, SignInRedirectError, type MsalClient, type MsalSettings } from "./index.ts";
import { DEEP_LINK_MAX_AGE_MS, rememberDeepLink, takeDeepLink } from "./deep-link.ts";

const settings: MsalSettings = {
  mode: "msal",
  clientId: "spa",
  authority: "https://127.0.0.1:8443",
  apiScope: "api://rolecall/access",
  knownAuthorities: ["127.0.0.1:8443"],
  protocolMode: "OIDC",
  upstreamIdentity: "passthrough",
  managementScope: "https://management.core.windows.net//user_impersonation",
};

const ada: AccountInfo = {
  homeAccountId: "ada.tenant",
  environment: "127.0.0.1:8443",
  tenantId: "",
  username: "ada@rolecall.test",
  localAccountId: "ada",
  name: "Ada Operator",
  idTokenClaims: { oid: "ada", roles: ["Rolecall.Operator"] },
};

interface FakeOptions {
  accounts?: AccountInfo[];
  redirectResult?: Partial<AuthenticationResult>;
  redirectError?: Error;
  silent?: () => Promise<AuthenticationResult>;
}

function fakeClient(o: FakeOptions = {}) {
  let active: AccountInfo | null = null;
  return {
    handleRedirectPromise: vi.fn<MsalClient["handleRedirectPromise"]>(() =>
      o.redirectError ? Promise.reject(o.redirectError) : Promise.resolve((o.redirectResult ?? null) as AuthenticationResult | null),
    ),
    getActiveAccount: vi.fn<MsalClient["getActiveAccount"]>(() => active),
    setActiveAccount: vi.fn<MsalClient["setActiveAccount"]>((a) => {
      active = a;
    }),
    getAllAccounts: vi.fn<MsalClient["getAllAccounts"]>(() => o.accounts ?? []),
    acquireTokenSilent: vi.fn<MsalClient["acquireTokenSilent"]>(o.silent ?? (() => Promise.resolve({ accessToken: "api-token" } as AuthenticationResult))),
    acquireTokenRedirect: vi.fn<MsalClient["acquireTokenRedirect"]>(() => Promise.resolve()),
    loginRedirect: vi.fn<MsalClient["loginRedirect"]>(() => Promise.resolve()),
    logoutRedirect: vi.fn<MsalClient["logoutRedirect"]>(() => Promise.resolve()),
  };
}

async function start(client: ReturnType<typeof fakeClient>, url = "https://rolecall.test/subscriptions/s1?slot=staging#x") {
  window.history.replaceState(null, "", new URL(url).pathname + new URL(url).search + new URL(url).hash);
  let seen: Configuration | undefined;
  const auth = await createMsalAuth(settings, {
    createClient: (c) => {
      seen = c;
      return Promise.resolve(client);
    },
  });
  return { auth, configuration: seen };
}

beforeEach(() => window.sessionStorage.clear());

describe("msalConfiguration", () => {
  it("uses OIDC protocol mode, the known authority, one redirect URI and per-tab storage", () => {
    const c = msalConfiguration(settings, "https://rolecall.test", 60);
    expect(c.auth).toMatchObject({ clientId: "spa", authority: "https://127.0.0.1:8443", knownAuthorities: ["127.0.0.1:8443"], redirectUri: "https://rolecall.test/" });
    expect(c.system).toMatchObject({ protocolMode: "OIDC", tokenRenewalOffsetSeconds: 60 });
    expect(c.cache).toMatchObject({ cacheLocation: "sessionStorage" });
  });
});

describe("createMsalAuth", () => {
  it("signed out: getAccount is null; signIn redirects once with the deep link kept aside", async () => {
    const client = fakeClient();
    const { auth } = await start(client);
    expect(auth.getAccount()).toBeNull();
    await auth.signIn();
    expect(client.loginRedirect).toHaveBeenCalledTimes(1);
    const request = client.loginRedirect.mock.calls[0]?.[0];
    if (!request?.state) throw new Error("no state sent");
    expect(request.scopes).toEqual(["api://rolecall/access"]);
    expect(request.extraScopesToConsent).toEqual([settings.managementScope]);
    expect(request.state).not.toContain("/");
    expect(takeDeepLink(window.sessionStorage, request.state)).toBe("/subscriptions/s1?slot=staging#x");
  });

  it("back from the authority: sets the account and restores the deep link", async () => {
    const stateKey = "k1";
    window.sessionStorage.setItem(`rolecall.deeplink.${stateKey}`, "/subscriptions/s1/services/web?slot=production");
    const client = fakeClient({ redirectResult: { account: ada, state: stateKey } });
    const { auth } = await start(client, "https://rolecall.test/");
    expect(client.handleRedirectPromise).toHaveBeenCalledWith({ navigateToLoginRequestUrl: false });
    expect(window.location.pathname + window.location.search).toBe("/subscriptions/s1/services/web?slot=production");
    expect(auth.getAccount()).toEqual({ name: "Ada Operator", username: "ada@rolecall.test", id: "ada", appRoles: ["Rolecall.Operator"] });
  });

  it("cancelled at the authority: MSAL throws, yet the deep link named by the reply's state is restored", async () => {
    const key = rememberDeepLink(window.sessionStorage, { pathname: "/s/s1/services/web/production", search: "?instance=Web_IN_1", hash: "" });
    const cancelled = new ServerError("access_denied", "The user cancelled.");
    const client = fakeClient({ redirectError: cancelled });
    // MSAL's reply URL: its own (base64) state, "|", then ours.
    await expect(start(client, `https://rolecall.test/#error=access_denied&state=eyJpZCI6IjEifQ%7C${key}`)).rejects.toBe(cancelled);
    expect(window.location.pathname + window.location.search).toBe("/s/s1/services/web/production?instance=Web_IN_1");
    expect(window.sessionStorage.getItem(`rolecall.deeplink.${key}`)).toBeNull();

    // The same from a query-string reply; and an unknown key leaves the URL alone.
    const key2 = rememberDeepLink(window.sessionStorage, { pathname: "/s/s1/audit", search: "", hash: "" });
    await expect(start(fakeClient({ redirectError: cancelled }), `https://rolecall.test/?error=access_denied&state=abc%7C${key2}`)).rejects.toBe(cancelled);
    expect(window.location.pathname).toBe("/s/s1/audit");
    await expect(start(fakeClient({ redirectError: cancelled }), "https://rolecall.test/?state=abc%7Cunknown")).rejects.toBe(cancelled);
    expect(window.location.pathname + window.location.search).toBe("/?state=abc%7Cunknown");
  });

  it("storing a new deep link clears those older than 30 minutes", () => {
    const storage = window.sessionStorage;
    const now = 1_800_000_000_000;
    const old = rememberDeepLink(storage, { pathname: "/old", search: "", hash: "" }, now - DEEP_LINK_MAX_AGE_MS - 1);
    const recent = rememberDeepLink(storage, { pathname: "/recent", search: "", hash: "" }, now - DEEP_LINK_MAX_AGE_MS + 60_000);
    storage.setItem("rolecall.deeplink.legacy", "/legacy");
    storage.setItem("unrelated", "kept");
    const fresh = rememberDeepLink(storage, { pathname: "/fresh", search: "", hash: "" }, now);
    expect(Object.keys(storage).filter((k) => k.startsWith("rolecall.deeplink.")).sort()).toEqual(
      [`rolecall.deeplink.${fresh}`, `rolecall.deeplink.${recent}`].sort(),
    );
    expect(storage.getItem("unrelated")).toBe("kept");
    expect(takeDeepLink(storage, old)).toBeNull();
    expect(takeDeepLink(storage, recent)).toBe("/recent");
    expect(takeDeepLink(storage, fresh)).toBe("/fresh");
  });

  it("a state pointing off-site is ignored (no open redirect)", async () => {
    window.sessionStorage.setItem("rolecall.deeplink.evil", "//evil.example/phish");
    const client = fakeClient({ redirectResult: { account: ada, state: "evil" } });
    await start(client, "https://rolecall.test/");
    expect(window.location.pathname).toBe("/");
  });

  it("tokens: silent for the API and management scopes", async () => {
    const client = fakeClient({ accounts: [ada] });
    const { auth } = await start(client);
    expect(await auth.getApiToken()).toBe("api-token");
    await auth.getManagementToken();
    expect(client.acquireTokenSilent.mock.calls.map(([request]) => request.scopes)).toEqual([[settings.apiScope], [settings.managementScope]]);
  });

  it("passthrough with ARM on: an ARM token too, its scope consented to at sign-in", async () => {
    const armScope = "https://management.azure.com//user_impersonation";
    const client = fakeClient({ accounts: [ada] });
    const auth = await createMsalAuth({ ...settings, armScope }, { createClient: () => Promise.resolve(client) });
    expect(await auth.getArmToken()).toBe("api-token");
    await auth.getArmToken({ forceRefresh: true });
    expect(client.acquireTokenSilent.mock.calls.map(([request]) => [request.scopes, request.forceRefresh])).toEqual([
      [[armScope], false],
      [[armScope], true],
    ]);

    const signedOut = fakeClient();
    await (await createMsalAuth({ ...settings, armScope }, { createClient: () => Promise.resolve(signedOut) })).signIn();
    expect(signedOut.loginRedirect.mock.calls[0]?.[0]?.extraScopesToConsent).toEqual([settings.managementScope, armScope]);
  });

  it("ARM off, or no ARM scope: no ARM token", async () => {
    const client = fakeClient({ accounts: [ada] });
    const { auth } = await start(client);
    expect(await auth.getArmToken()).toBeNull();
    expect(client.acquireTokenSilent).not.toHaveBeenCalled();
  });

  it("interaction required: one redirect for many concurrent callers; other errors surface", async () => {
    const client = fakeClient({ accounts: [ada], silent: () => Promise.reject(new InteractionRequiredAuthError("login_required", "session expired")) });
    const { auth } = await start(client);
    const results = await Promise.allSettled([auth.getApiToken(), auth.getApiToken(), auth.getManagementToken()]);
    expect(results.every((r) => r.status === "rejected" && r.reason instanceof SignInRedirectError)).toBe(true);
    expect(client.acquireTokenRedirect).toHaveBeenCalledTimes(1);

    const broken = fakeClient({ accounts: [ada], silent: () => Promise.reject(new Error("network down")) });
    const second = await start(broken);
    await expect(second.auth.getApiToken()).rejects.toThrow("network down");
    expect(broken.acquireTokenRedirect).not.toHaveBeenCalled();
  });

  it("never falls back to the hidden iframe; a failed or expired refresh redirects to sign in, keeping the deep link", async () => {
    const client = fakeClient({ accounts: [ada] });
    const { auth } = await start(client);
    await auth.getApiToken();
    // 2 = AccessTokenAndRefreshToken: cache, then the refresh token, no iframe (the CSP blocks it).
    expect(client.acquireTokenSilent.mock.calls[0]?.[0]).toMatchObject({ cacheLookupPolicy: 2 });
    await auth.getApiToken({ forceRefresh: true });
    expect(client.acquireTokenSilent.mock.calls[1]?.[0]).toMatchObject({ forceRefresh: true, cacheLookupPolicy: 3 });

    const failures = [
      new InteractionRequiredAuthError("refresh_token_expired", "expired"),
      new ServerError("invalid_grant", "refresh token revoked"),
      new BrowserAuthError("monitor_window_timeout", "iframe timed out"),
      new BrowserAuthError("token_refresh_required", "renewal needed"),
    ];
    for (const failure of failures) {
      const expired = fakeClient({ accounts: [ada], silent: () => Promise.reject(failure) });
      window.sessionStorage.clear();
      const { auth: a } = await start(expired, "https://rolecall.test/subscriptions/s1/audit?x=1");
      await expect(a.getApiToken()).rejects.toBeInstanceOf(SignInRedirectError);
      const state = expired.acquireTokenRedirect.mock.calls[0]?.[0]?.state;
      expect(takeDeepLink(window.sessionStorage, state)).toBe("/subscriptions/s1/audit?x=1");
    }
    // Offline is not a session problem: a redirect would not help.
    const offline = fakeClient({ accounts: [ada], silent: () => Promise.reject(new BrowserAuthError("no_network_connectivity", "offline")) });
    await expect((await start(offline)).auth.getApiToken()).rejects.toBeInstanceOf(BrowserAuthError);
    expect(offline.acquireTokenRedirect).not.toHaveBeenCalled();
  });

  it("certificate mode: no management or ARM token, no extra consent", async () => {
    const client = fakeClient();
    const auth = await createMsalAuth({ ...settings, upstreamIdentity: "certificate", managementScope: undefined }, { createClient: () => Promise.resolve(client) });
    expect(await auth.getManagementToken()).toBeNull();
    expect(await auth.getArmToken()).toBeNull();
    await auth.signIn();
    expect(client.loginRedirect.mock.calls[0]?.[0]?.extraScopesToConsent).toEqual([]);
  });

  it("signOut: logout redirect for the account, back to the app root", async () => {
    const client = fakeClient({ accounts: [ada] });
    const { auth } = await start(client);
    await auth.signOut();
    expect(client.logoutRedirect).toHaveBeenCalledWith({ account: ada, postLogoutRedirectUri: `${window.location.origin}/` });

    // OIDC mode: the ID token goes along as a hint, or a generic provider ignores the return URI.
    const withToken = fakeClient({ accounts: [{ ...ada, idToken: "id.token.value" }] });
    await (await start(withToken)).auth.signOut();
    expect(withToken.logoutRedirect.mock.calls[0]?.[0]).toMatchObject({ idTokenHint: "id.token.value" });
  });
});
