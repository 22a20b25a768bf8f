// The view a signed-out user opened (a link shared by a colleague) must survive the sign-in round
// trip. MSAL's docs advise against URLs in `state`, so the link stays in sessionStorage and `state`
// carries only a random key to it.

const PREFIX = "rolecall.deeplink.";

/** A stored link older than this belongs to a sign-in that was abandoned; it is cleared. */
export const DEEP_LINK_MAX_AGE_MS = 30 * 60 * 1000;

interface Stored {
  to: string;
  at: number;
}

function parse(value: string | null): Stored | null {
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value) as Partial<Stored> | null;
    if (typeof parsed?.to === "string" && typeof parsed.at === "number") return { to: parsed.to, at: parsed.at };
  } catch {
    // A plain path (stored before links carried their time): still restorable, never "fresh".
  }
  return { to: value, at: 0 };
}

/** Removes links stored more than DEEP_LINK_MAX_AGE_MS before `now` (abandoned or cancelled sign-ins). */
export function clearStaleDeepLinks(storage: Storage, now = Date.now()): void {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) {
    const stored = parse(storage.getItem(key));
    if (!stored || now - stored.at > DEEP_LINK_MAX_AGE_MS) storage.removeItem(key);
  }
}

/** Stores the current in-app location; returns the key to send as MSAL `state`. */
export function rememberDeepLink(storage: Storage, location: { pathname: string; search: string; hash: string }, now = Date.now()): string {
  clearStaleDeepLinks(storage, now);
  const key = crypto.randomUUID();
  const stored: Stored = { to: `${location.pathname}${location.search}${location.hash}`, at: now };
  storage.setItem(PREFIX + key, JSON.stringify(stored));
  return key;
}

/**
 * The stored link for `key`, removed from storage, or null. Only a same-origin path is returned
 * ("/x", not "//host" or "https://…"): anything else could turn sign-in into an open redirect.
 */
export function takeDeepLink(storage: Storage, key: string | undefined | null): string | null {
  if (!key) return null;
  const value = parse(storage.getItem(PREFIX + key))?.to;
  storage.removeItem(PREFIX + key);
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  return value;
}

/**
 * The app's part of the `state` in the authority's reply on this URL (fragment or query), or null.
 * MSAL sends `state` as "<its own state>|<ours>"; the reply carries it back even when the user
 * cancelled, which is when MSAL throws instead of handing it over.
 */
export function deepLinkKeyFromUrl(location: { search: string; hash: string }): string | null {
  for (const part of [location.hash.replace(/^#/, ""), location.search.replace(/^\?/, "")]) {
    const state = new URLSearchParams(part).get("state");
    const delimiter = state?.indexOf("|") ?? -1;
    if (state && delimiter >= 0 && delimiter < state.length - 1) return state.slice(delimiter + 1);
  }
  return null;
}
