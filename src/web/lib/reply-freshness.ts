import { FETCHED_AT_HEADER, STALE_HEADER } from "../../shared/api.ts";

/**
 * What a read's headers say of its age: when the proxy read the data from Azure, and, when the reply
 * is the proxy's last good copy because Azure did not answer, since when it has not. Read from the
 * headers because after a 304 the body is the browser's cached one, and a list's body has no room
 * for either (shared/api.ts).
 */
export interface ReplyFreshness {
  /** ISO time the proxy read the data upstream; absent when the reply does not say. */
  fetchedAt: string | undefined;
  /** ISO time since when Azure has not answered; absent when the data is fresh. */
  staleSince: string | undefined;
}

/** A header's time, only when it is one: a garbled value must not pass for "just now" or "stale since never". */
function headerTime(headers: Headers, name: string): string | undefined {
  const value = headers.get(name);
  return value && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

export function replyFreshness(headers: Headers): ReplyFreshness {
  return { fetchedAt: headerTime(headers, FETCHED_AT_HEADER), staleSince: headerTime(headers, STALE_HEADER) };
}
