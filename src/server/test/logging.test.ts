import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { actionAcceptedSchema } from "../../shared/api.ts";
import { actionPath, DEP, errorOf, startStack, waitFor, type Stack } from "./harness.ts";

// What the real server writes to its log, captured from pino's destination while real requests go
// through it: no credential ever, and the request id on every line a request causes.

interface Line {
  reqId?: string;
  msg?: string;
  level: number;
}

function capture() {
  const text: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text.push(chunk.toString());
      done();
    },
  });
  const lines = () =>
    text
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
  return { stream, raw: () => text.join(""), lines };
}

// Lines that belong to no request: the server starting, and the tracker polling on its own.
const appLevel = new Set(["Server listening at http://127.0.0.1", "operation finished", "polling operation status failed"]);

describe("logs", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("never contain a token sent through the server, and carry the request id on every request's line", async () => {
    const log = capture();
    s = await startStack({ env: { ROLECALL_LOG_LEVEL: "debug" }, logStream: log.stream });
    const secret = "eyJSECRET-management-token-9f8e7d";
    const auth = { authorization: `Bearer ${secret}`, "x-rolecall-management-token": secret, cookie: `session=${secret}` };

    // A read that is retried (the warning must name this request), an action, a refused action.
    await s.faults({ failNext: { count: 1, status: 500, code: "InternalError" }, match: { pathContains: "deploymentslots", method: "GET" } });
    const read = await s.get(DEP, auth);
    expect(read.status).toBe(200);
    const readId = read.headers.get("x-request-id");
    const action = await s.post(actionPath("WebFrontend_IN_0"), {}, auth);
    expect(actionAcceptedSchema.parse(action.body).operationId).toBeTruthy();
    expect(errorOf(await s.post(actionPath("WebFrontend_IN_1"), {}, auth)).code).toBe("DeploymentBusy");
    await waitFor(() => log.lines().filter((l) => l.msg === "request completed").length >= 3, "three completed requests in the log");

    expect(log.raw()).not.toContain("SECRET");
    const retry = log.lines().find((l) => l.msg === "retrying upstream GET");
    expect(retry?.reqId).toBe(readId);
    const withoutId = log.lines().filter((l) => !l.reqId && !appLevel.has((l.msg ?? "").replace(/:\d+$/, "")));
    expect(withoutId).toEqual([]);
  });
});
