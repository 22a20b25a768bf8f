import type { AppConfig } from "../../shared/domain.ts";

// The sign-in seam. Every /api request asks `getAccessToken()` for a bearer token; in `none` mode
// there is none. The MSAL implementation (issue 5) plugs in here and must be loaded with a dynamic
// `import()` so that @azure/msal-browser never lands in the initial bundle.

export interface AuthProvider {
  readonly mode: AppConfig["auth"]["mode"];
  /** A token for the proxy's API scope, or null when the proxy needs none. */
  getAccessToken(): Promise<string | null>;
}

const noAuth: AuthProvider = {
  mode: "none",
  getAccessToken: () => Promise.resolve(null),
};

let current: AuthProvider = noAuth;

export function getAccessToken(): Promise<string | null> {
  return current.getAccessToken();
}

export function authMode(): AuthProvider["mode"] {
  return current.mode;
}

/** Chooses the provider named by /api/config. Called once, before the first authenticated request. */
export function initAuth(settings: AppConfig["auth"]): Promise<AuthProvider> {
  if (settings.mode === "none") {
    current = noAuth;
    return Promise.resolve(current);
  }
  // Sign-in lands with issue 5: it will `await import("./msal/index.ts")` here.
  return Promise.reject(
    new Error("This server asks for Microsoft sign-in (ROLECALL_AUTH=msal), which this build of Rolecall cannot do yet."),
  );
}
