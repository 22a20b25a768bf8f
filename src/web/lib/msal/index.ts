import {
  AuthError,
  BrowserAuthError,
  BrowserCacheLocation,
  CacheLookupPolicy,
  createStandardPublicClientApplication,
  InteractionRequiredAuthError,
  ProtocolMode,
  type AccountInfo,
  type Configuration,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import type { AppConfig } from "../../../shared/api.ts";
import { toSignedInAccount, type SignedInAccount } from "./account.ts";
import { deepLinkKeyFromUrl, rememberDeepLink, takeDeepLink } from "./deep-link.ts";

// The only module that touches @azure/msal-browser. Load it with `await import("./msal/index.ts")`
// so the library stays out of the initial bundle for `none` mode.

export type MsalSettings = Extract<AppConfig["auth"], { mode: "msal" }>;
export type { SignedInAccount } from "./account.ts";

export interface MsalAuth {
  /** The signed-in user, or null (then call signIn). */
  getAccount(): SignedInAccount | null;
  /**
   * A token for the proxy's API scope; renewed silently, redirects to sign in only when it must.
   * `forceRefresh`: the proxy refused the cached one, so redeem the refresh token for a new one.
   */
  getApiToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** In passthrough mode, a token for the management API; otherwise null. */
  getManagementToken(options?: { forceRefresh?: boolean }): Promise<string | null>;
  /** In passthrough mode with Azure Resource Manager on, a token for ARM; otherwise null. */
  getArmToken(options?: { forceRefresh?: boolean }): Promise<string | null>;
  /** Redirects to the authority; the current URL is restored after the round trip. */
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

/** Thrown while the page is navigating away to sign in: callers should render nothing, not an error. */
export class SignInRedirectError extends Error {
  override name = "SignInRedirectError";
  constructor() {
    super("Signing in…");
  }
}

/** The slice of MSAL this wrapper uses (lets tests supply a fake). */
export type MsalClient = Pick<
  IPublicClientApplication,
  | "handleRedirectPromise"
  | "getActiveAccount"
  | "setActiveAccount"
  | "getAllAccounts"
  | "acquireTokenSilent"
  | "acquireTokenRedirect"
  | "loginRedirect"
  | "logoutRedirect"
>;

export interface MsalAuthOptions {
  createClient?: (configuration: Configuration) => Promise<MsalClient>;
  /** Renew tokens this many seconds before they expire (MSAL's default is 300). */
  tokenRenewalOffsetSeconds?: number;
  storage?: Storage;
  location?: Location;
  history?: History;
}

export function msalConfiguration(settings: MsalSettings, origin: string, tokenRenewalOffsetSeconds?: number): Configuration {
  return {
    auth: {
      clientId: settings.clientId,
      authority: settings.authority,
      // Non-Microsoft authorities (the local test provider, another OIDC provider) must be listed.
      knownAuthorities: settings.knownAuthorities,
      // One registered redirect URI for the whole app; the deep link travels separately.
      redirectUri: `${origin}/`,
      postLogoutRedirectUri: `${origin}/`,
    },
    // Per tab, gone when the tab closes: a shared workstation does not keep a reimage-capable session.
    cache: { cacheLocation: BrowserCacheLocation.SessionStorage },
    system: {
      protocolMode: settings.protocolMode === "OIDC" ? ProtocolMode.OIDC : ProtocolMode.AAD,
      // Left out rather than undefined: MSAL spreads these over its defaults, so an explicit
      // undefined would replace its 300 s instead of keeping it.
      ...(tokenRenewalOffsetSeconds === undefined ? {} : { tokenRenewalOffsetSeconds }),
    },
  };
}

/**
 * Starts MSAL from the /api/config auth block, finishes a sign-in redirect if this page load is
 * one (restoring the deep link), and returns the small interface the app uses.
 */
export async function createMsalAuth(settings: MsalSettings, options: MsalAuthOptions = {}): Promise<MsalAuth> {
  const storage = options.storage ?? window.sessionStorage;
  const location = options.location ?? window.location;
  const history = options.history ?? window.history;
  const configuration = msalConfiguration(settings, location.origin, options.tokenRenewalOffsetSeconds);
  const client = await (options.createClient ?? createStandardPublicClientApplication)(configuration);

  // Handle the response here rather than letting MSAL reload the start page: one page load, and
  // the router (started after this) sees the restored URL.
  // Read our part of `state` first: when the user cancelled at the authority (or it refused),
  // MSAL throws and never returns it, yet "Try again" should still land on the view they opened.
  const keyInUrl = deepLinkKeyFromUrl(location);
  const restore = (key: string | null | undefined) => {
    const link = takeDeepLink(storage, key);
    if (link) history.replaceState(history.state, "", link);
  };
  let result: Awaited<ReturnType<MsalClient["handleRedirectPromise"]>>;
  try {
    result = await client.handleRedirectPromise({ navigateToLoginRequestUrl: false });
  } catch (error) {
    restore(keyInUrl);
    throw error;
  }
  if (result?.account) client.setActiveAccount(result.account);
  restore(result?.state ?? keyInUrl);

  const currentAccount = (): AccountInfo | null => {
    const active = client.getActiveAccount() ?? client.getAllAccounts()[0] ?? null;
    if (active && !client.getActiveAccount()) client.setActiveAccount(active);
    return active;
  };

  // Requests racing for a token after the session lapsed must start one redirect, not several.
  let redirecting = false;
  const loginScopes = [settings.apiScope];
  const consentScopes = [settings.managementScope, settings.armScope].filter((scope) => scope !== undefined);

  async function redirect(start: (state: string) => Promise<void>): Promise<never> {
    if (!redirecting) {
      redirecting = true;
      await start(rememberDeepLink(storage, location));
    }
    throw new SignInRedirectError();
  }

  async function signIn(): Promise<void> {
    await redirect((state) =>
      // Consent to the upstream APIs up front, so their tokens later come from the refresh token.
      client.loginRedirect({ scopes: loginScopes, extraScopesToConsent: consentScopes, state }),
    ).catch((error: unknown) => {
      if (!(error instanceof SignInRedirectError)) throw error;
    });
  }

  // Token requests one at a time. Renewal redeems the refresh token, which providers rotate on
  // use (Entra ID for SPAs, oidc-provider for public clients); two renewals in parallel (the API and
  // the management scope) would present the same refresh token twice, which a provider treats as
  // theft and answers by revoking the session. Cached tokens come back at once, so this costs little.
  let queue: Promise<unknown> = Promise.resolve();
  function acquire(scopes: string[], forceRefresh = false): Promise<string> {
    const run = queue.then(() => acquireNow(scopes, forceRefresh));
    queue = run.catch(() => undefined);
    return run;
  }

  async function acquireNow(scopes: string[], forceRefresh: boolean): Promise<string> {
    const account = currentAccount();
    if (!account) {
      return redirect((state) => client.loginRedirect({ scopes: loginScopes, extraScopesToConsent: consentScopes, state }));
    }
    try {
      // Cache, then the refresh token, never the hidden-iframe fallback: the CSP has no frame-src
      // for the authority, so the iframe could only time out (monitor_window_timeout) as an error.
      const cacheLookupPolicy = forceRefresh ? CacheLookupPolicy.RefreshToken : CacheLookupPolicy.AccessTokenAndRefreshToken;
      return (await client.acquireTokenSilent({ scopes, account, cacheLookupPolicy, forceRefresh })).accessToken;
    } catch (error) {
      if (!needsInteraction(error)) throw error;
      return redirect((state) => client.acquireTokenRedirect({ scopes, account, state }));
    }
  }

  return {
    getAccount() {
      const account = currentAccount();
      return account ? toSignedInAccount(account) : null;
    },
    getApiToken: (o) => acquire([settings.apiScope], o?.forceRefresh),
    getManagementToken: (o) => (settings.managementScope ? acquire([settings.managementScope], o?.forceRefresh) : Promise.resolve(null)),
    getArmToken: (o) => (settings.armScope ? acquire([settings.armScope], o?.forceRefresh) : Promise.resolve(null)),
    signIn,
    async signOut() {
      const account = currentAccount();
      // MSAL sends neither id_token_hint nor client_id; a generic OpenID provider (oidc-provider)
      // then refuses post_logout_redirect_uri and strands the user on its own page.
      const idTokenHint = settings.protocolMode === "OIDC" ? account?.idToken : undefined;
      await client.logoutRedirect({ account: account ?? undefined, idTokenHint, postLogoutRedirectUri: `${location.origin}/` });
    },
  };
}

/** Error codes of a session that only the user can renew (MSAL's and the authority's). */
const interactionCodes = new Set([
  "interaction_required",
  "login_required",
  "consent_required",
  "refresh_token_expired",
  "token_refresh_required",
  "no_tokens_found",
  "bad_token",
  "invalid_grant",
  "monitor_window_timeout",
  "timed_out",
]);

/**
 * Whether silent renewal failed because the session needs the user (→ redirect sign-in, keeping
 * the deep link) rather than because of the network, which a redirect would not fix.
 */
export function needsInteraction(error: unknown): boolean {
  if (error instanceof InteractionRequiredAuthError) return true;
  const code = error instanceof AuthError ? error.errorCode : undefined;
  if (code === "no_network_connectivity") return false;
  // Any other browser-side failure of silent renewal leaves the user stuck unless they sign in again.
  return error instanceof BrowserAuthError || (code !== undefined && interactionCodes.has(code));
}
