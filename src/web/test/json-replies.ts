import { afterEach, beforeEach, vi } from "vitest";

/**
 * For a test file of one fetcher: `fetch` answers what each test queues (`mockResolvedValueOnce`),
 * and `reply(headers)` is `body` as the proxy's JSON reply with those headers.
 */
export function stubJsonReplies(body: unknown) {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal("fetch", fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());
  const reply = (headers: Record<string, string>) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json", ...headers } });
  return { fetchMock, reply };
}
