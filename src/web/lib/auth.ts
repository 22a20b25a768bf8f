import { ARM_TOKEN_HEADER, MANAGEMENT_TOKEN_HEADER, type AppConfig } from "../../shared/api.ts";

// The sign-in seam. Every /api request asks for its headers here; in `none` mode there are none.
// The MSAL implementation is loaded with a dynamic `import()` only in msal mode, so that
// @azure/msal-browser never lands in the initial bundle.

export interface SignedInUser {
  name: string;
  /** Object id (Entra ID `oid`), else the subject: who, when names repeat. */
  id: string;
}

export interface AuthProvider {
  readonly mode: AppConfig["auth"]["mode"];
  /** The signed-in user; null when signed out (msal mode) or when there is no sign-in (none). */
  readonly user: SignedInUser | null;
  /**
   * Headers that identify the caller to the proxy (Authorization, and the upstream tokens).
   * `forceRefresh`: the proxy refused the cached tokens, so renew them first.
   */
  headers(options?: { forceRefresh?: boolean }): Promise<Record<string, string>>;
  /** Redirects to the authority; the current URL comes back after sign-in. */
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

const noAuth: AuthProvider = {
  mode: "none",
  user: null,
  headers: () => Promise.resolve({}),
  signIn: () => Promise.resolve(),
  signOut: () => Promise.resolve(),
};

let current: AuthProvider = noAuth;
let starting: Promise<AuthProvider> | undefined;

export function authHeaders(options?: { forceRefresh?: boolean }): Promise<Record<string, string>> {
  return current.headers(options);
}

export function currentAuth(): AuthProvider {
  return current;
}

// An action the proxy refused for the sign-in (the session lapsed between the last read and the
// click) was not carried out and is never retried for the person. Until they sign in again, the
// shell offers a "Sign in again" button next to the error; the deep link survives the round trip.
let signInRequired = false;
const signInListeners = new Set<() => void>();

/** Records that an action was refused for the sign-in (api-client calls this on a 401). */
export function markSignInRequired(): void {
  if (signInRequired) return;
  signInRequired = true;
  for (const listener of signInListeners) listener();
}

/** Whether an action was refused for the sign-in on this page load (for useSyncExternalStore). */
export function isSignInRequired(): boolean {
  return signInRequired;
}

export function subscribeSignInRequired(listener: () => void): () => void {
  signInListeners.add(listener);
  return () => signInListeners.delete(listener);
}

/** Redirect sign-in from the current view, which comes back after the round trip. */
export function signInAgain(): Promise<void> {
  return current.signIn();
}

/** A promise that never settles: the page is on its way to the sign-in page, show nothing more. */
const leaving = () => new Promise<never>(() => undefined);

async function startMsal(settings: Extract<AppConfig["auth"], { mode: "msal" }>): Promise<AuthProvider> {
  const { createMsalAuth, SignInRedirectError } = await import("./msal/index.ts");
  // Finishes a sign-in redirect if this page load is one, restoring the deep link with
  // history.replaceState; the router, created after this, reads the restored URL.
  const msal = await createMsalAuth(settings, { tokenRenewalOffsetSeconds: settings.tokenRenewalOffsetSec });
  const account = msal.getAccount();
  // MSAL renews tokens silently (refresh token) when they are near expiry; it redirects only when
  // the session itself is gone, and then this request's caller must not render an error.
  const token = async (get: () => Promise<string | null>) => {
    try {
      return await get();
    } catch (error) {
      if (error instanceof SignInRedirectError) return leaving();
      throw error;
    }
  };
  return {
    mode: "msal",
    user: account ? { name: account.name, id: account.id } : null,
    async headers(options) {
      // In passthrough mode the proxy acts upstream as the user: with each upstream's token.
      const [api, management, arm] = await Promise.all([
        token(() => msal.getApiToken(options)),
        token(() => msal.getManagementToken(options)),
        token(() => msal.getArmToken(options)),
      ]);
      const headers: Record<string, string> = { authorization: `Bearer ${api}` };
      if (management) headers[MANAGEMENT_TOKEN_HEADER] = management;
      if (arm) headers[ARM_TOKEN_HEADER] = arm;
      return headers;
    },
    signIn: () => msal.signIn(),
    signOut: () => msal.signOut(),
  };
}

/**
 * Chooses the provider named by /api/config. Called once per page load (later calls share the
 * first), before the router starts and before the first authenticated request.
 */
export function initAuth(settings: AppConfig["auth"]): Promise<AuthProvider> {
  starting ??= (settings.mode === "none" ? Promise.resolve(noAuth) : startMsal(settings)).then(
    (provider) => {
      current = provider;
      return provider;
    },
    (error: unknown) => {
      // "Try again" on the error page must really try again.
      starting = undefined;
      throw error;
    },
  );
  return starting;
}
