/**
 * How long a client may take to send one request (headers and body). A request not complete by then
 * is answered 408 and its connection closed, so a client trickling bytes (slowloris) cannot hold a
 * connection, and the memory of a half-read body, for Node's default of five minutes. Generous for a
 * dashboard whose largest request body is 16 KB. Constants rather than settings: nothing about a
 * deployment should need a different value (a reverse proxy in front keeps its own limits).
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * How often Node looks for requests past REQUEST_TIMEOUT_MS. Its default (30 s) would let a 30 s
 * limit stretch to a minute; the check walks only the connections with a request in progress.
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
