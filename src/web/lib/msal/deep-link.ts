// The view a signed-out user opened (a link shared by a colleague) must survive the sign-in round
// trip. MSAL's docs advise against URLs in `state`, so the link stays in sessionStorage and `state`
// carries only a random key to it.

const PREFIX = "rolecall.deeplink.";

/** Stores the current in-app location; returns the key to send as MSAL `state`. */
export function rememberDeepLink(storage: Storage, location: { pathname: string; search: string; hash: string }): string {
  const key = crypto.randomUUID();
  storage.setItem(PREFIX + key, `${location.pathname}${location.search}${location.hash}`);
  return key;
}

/**
 * The stored link for `key`, removed from storage, or null. Only a same-origin path is returned
 * ("/x", not "//host" or "https://…"): anything else could turn sign-in into an open redirect.
 */
export function takeDeepLink(storage: Storage, key: string | undefined): string | null {
  if (!key) return null;
  const value = storage.getItem(PREFIX + key);
  storage.removeItem(PREFIX + key);
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  return value;
}
