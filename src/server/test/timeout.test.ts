import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actionPath, startStack, type Stack } from "./harness.ts";

// The real limit is 30 s (src/server/http/timeouts.ts); here it is a fraction of a second, so the
// test waits for the proxy, never for a fixed sleep.
vi.mock("../http/timeouts.ts", () => ({ REQUEST_TIMEOUT_MS: 400, TIMEOUT_CHECK_INTERVAL_MS: 50 }));

interface Trickle {
  /** What the proxy answered before it closed the connection. */
  answer: string;
  /** Bytes the client had sent when the connection ended. */
  sent: number;
}

/**
 * Opens a raw connection, sends `head` at once, then `rest` one byte every 20 ms, until the proxy
 * closes the connection (resolves) or every byte has gone (rejects: the proxy waited it out).
 */
function trickle(url: string, head: string, rest: string): Promise<Trickle> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: hostname, port: Number(port) });
    let answer = "";
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on("data", (c: Buffer) => (answer += c.toString("latin1")));
    socket.on("error", () => {}); // a reset after the 408 is the proxy's way of ending it too
    socket.on("close", () => {
      clearInterval(timer);
      if (sent < rest.length) resolve({ answer, sent });
      else reject(new Error(`the proxy waited for the whole trickled request; it answered: ${answer.slice(0, 200)}`));
    });
    socket.on("connect", () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent >= rest.length || socket.destroyed) return clearInterval(timer);
        socket.write(rest[sent++] ?? "");
      }, 20);
    });
  });
}

describe("a request that arrives too slowly", () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.close();
  });

  it("a trickled body: the connection is ended with 408 before the body is complete, and nothing goes upstream", async () => {
    await s.clearUpstreamRequests();
    const { host } = new URL(s.url);
    const body = `{"pad":"${" ".repeat(2000)}"}`;
    const head =
      `POST ${actionPath("WebFrontend_IN_0", "reboot")} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${s.url}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { answer, sent } = await trickle(s.url, head, body);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    // Said in the /api error envelope, like every other refusal.
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({ error: { code: "RequestTimeout" } });
    expect(sent).toBeLessThan(body.length);
    expect((await s.upstreamRequests()).filter((r) => r.method === "POST")).toEqual([]);
    // The proxy itself is fine.
    expect((await s.get("/api/health")).status).toBe(200);
  });

  it("trickled headers (slowloris): the connection is ended with 408", async () => {
    const { host } = new URL(s.url);
    const headers = `Host: ${host}\r\n${"X-Padding: slow\r\n".repeat(200)}\r\n`;
    const { answer, sent } = await trickle(s.url, "GET /api/health HTTP/1.1\r\n", headers);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(sent).toBeLessThan(headers.length);
  });

  it("a request that arrives in time is answered as usual", async () => {
    expect((await s.get("/api/health")).status).toBe(200);
  });
});
