import { describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../shared/api.ts";
import { errorCatalog, errorCodes } from "../../shared/error-codes.ts";
import { ApiCallError, type ApiMethod } from "./api-client.ts";
import { actionMayHaveStarted, explainError } from "./errors.ts";
import { formatTime } from "./format.ts";

const httpError = (method: ApiMethod, body: ApiErrorBody["error"], extra: { status?: number; retryAfterSeconds?: number; receivedAt?: number } = {}) =>
  new ApiCallError("http", body.message, { method, body, ...extra });

describe("explainError", () => {
  it("words every code of the catalog by its code, never through the generic path", () => {
    const summaries = new Set<string>();
    for (const code of errorCodes) {
      const entry = errorCatalog[code];
      // Each code says something of its own, as whole sentences: a new code cannot ride on another's words.
      expect(entry.summary, code).toMatch(/^[A-Z].{10,}\.$/);
      expect(entry.next, code).toMatch(/^[A-Z].{10,}\.$/);
      expect(summaries.has(entry.summary), `${code} repeats another code's summary`).toBe(false);
      summaries.add(entry.summary);
      for (const method of ["GET", "POST"] as const) {
        const known = explainError(httpError(method, { code, message: "Specific detail." }, { status: entry.status }));
        // The same reply with a code this SPA does not know is what the generic path says.
        const generic = explainError(httpError(method, { code: "SomethingNewer", message: "Specific detail." }, { status: entry.status }));
        expect(known, code).not.toBe(generic);
        expect(known, code).toContain(entry.summary);
        expect(known, code).toContain("Specific detail.");
        expect(known, code).toContain(entry.next);
        // An action's wording always says whether anything reached Azure.
        if (method === "POST") expect(known, code).toMatch(/Nothing was sent to Azure\.|cannot tell whether Azure acted|Azure answered/);
      }
    }
  });

  it("TooManyActions: too many actions by you, when you may act again, nothing sent to Azure", () => {
    const receivedAt = Date.parse("2025-01-01T10:30:48Z");
    const err = httpError("POST", { code: "TooManyActions", message: "Rolecall allows each person at most 1 action a minute." }, { status: 429, retryAfterSeconds: 40, receivedAt });
    expect(explainError(err)).toBe(
      "You sent too many actions in a short time. Rolecall allows each person at most 1 action a minute. Nothing was sent to Azure. " +
        `You may act again at ${formatTime(receivedAt + 40_000)} (in 40 s).`,
    );
    expect(explainError(err)).not.toMatch(/throttl|retry/i);
  });

  it("UpstreamThrottled: Azure throttles, and Azure answered the action without carrying it out", () => {
    const receivedAt = Date.parse("2025-01-01T10:30:48Z");
    const err = httpError("POST", { code: "UpstreamThrottled", message: "Azure is throttling requests and asked to wait 30 s.", upstreamStatus: 429 }, { status: 503, retryAfterSeconds: 90, receivedAt });
    const text = explainError(err);
    expect(text).toMatch(/^Azure is throttling requests\. /);
    expect(text).toContain("Azure answered and did not carry it out.");
    expect(text).toContain(`You may act again at ${formatTime(receivedAt + 90_000)} (in 1 min 30 s).`);
    expect(text).not.toContain("too many actions");
    // A read says nothing about what reached Azure: a read changes nothing.
    expect(explainError(httpError("GET", { code: "UpstreamThrottled", message: "x" }, { retryAfterSeconds: 5, receivedAt }))).toBe(
      `Azure is throttling requests. x You may try again at ${formatTime(receivedAt + 5_000)} (in 5 s).`,
    );
  });

  it("says what holds the target for a 409, in the proxy's words, and the next step once", () => {
    const id = "a".repeat(32);
    const held = (message: string) =>
      explainError(httpError("POST", { code: "DeploymentBusy", message, blocking: { id, action: "reboot", instances: ["Web_IN_1"], requestedBy: "Ada" } }, { status: 409 }));
    expect(held(`Ada started a reboot of Web_IN_1 at 10:31 (operation ${id}). Wait for it to finish, then try again.`)).toBe(
      `Another action already holds this target. Ada started a reboot of Web_IN_1 at 10:31 (operation ${id}). Wait for it to finish, then try again. Nothing was sent to Azure.`,
    );
    // A hold whose action Rolecall could not confirm is not a plain wait: the proxy says what to check.
    expect(held("A reboot of Web_IN_1 requested by Ada may have started at 10:31, but Rolecall could not confirm it. Check the instances before acting.")).toContain(
      "Rolecall could not confirm it. Check the instances before acting.",
    );
  });

  it("names a rolling job that holds the target in the proxy's words, said once, and no generic next step", () => {
    const jobId = "b".repeat(32);
    const message = `A rolling job (${jobId}) holds this target: Ada started a reboot of 4 instance(s) at 10:31. Pause or cancel the job to act on this target by hand.`;
    expect(explainError(httpError("POST", { code: "DeploymentBusy", message, blocking: { action: "reboot", jobId } }, { status: 409 }))).toBe(
      `${message} Nothing was sent to Azure.`,
    );
  });

  it("says whether an action reached Azure from the catalog (and from an upstream status in the envelope)", () => {
    // Each "maybe" is said once, then the catalog's one next step: check the target.
    expect(explainError(httpError("POST", { code: "UpstreamTimeout", message: "Azure did not answer within 10 s." }))).toBe(
      "Azure did not answer in time. Azure did not answer within 10 s. Rolecall cannot tell whether Azure acted on it. Check the target's instances before trying again.",
    );
    expect(explainError(httpError("POST", { code: "NotFound", message: "Azure could not find it.", upstreamStatus: 404 }))).toContain("Azure answered and did not carry it out.");
    expect(explainError(httpError("POST", { code: "NotFound", message: "No such route." }))).toContain("Nothing was sent to Azure.");
  });

  it("an action that failed may still have started when Azure may have got it: a timeout, a broken reply, a lost connection", () => {
    for (const code of ["UpstreamTimeout", "UpstreamConnectionLost", "UpstreamMalformed", "UpstreamError", "InternalError"]) {
      expect(actionMayHaveStarted(httpError("POST", { code, message: "x" })), code).toBe(true);
    }
    expect(actionMayHaveStarted(new ApiCallError("invalid-reply", "The server's reply could not be read.", { method: "POST" }))).toBe(true);
    for (const code of ["DeploymentBusy", "UpstreamConflict", "TooManyActions", "UpstreamUnreachable", "BrandNew2031"]) {
      expect(actionMayHaveStarted(httpError("POST", { code, message: "x" })), code).toBe(false);
    }
    expect(actionMayHaveStarted(new ApiCallError("network", "Cannot reach the Rolecall server.", { method: "POST" }))).toBe(false);
  });

  it("falls back to the proxy's message for an unknown code, and keeps network and reply wording", () => {
    expect(explainError(httpError("POST", { code: "BrandNew2031", message: "A newer proxy says so." }, { status: 429 }))).toBe("A newer proxy says so.");
    expect(explainError(new ApiCallError("http", "The server answered 502 Bad Gateway.", { method: "GET", status: 502 }))).toBe("The server answered 502 Bad Gateway.");
    expect(explainError(new ApiCallError("network", "Cannot reach the Rolecall server. Check your connection and that the server is running.", { method: "POST" }))).toMatch(/^Cannot reach/);
    expect(explainError(new ApiCallError("invalid-reply", "The server sent a reply Rolecall does not understand (/api/x).", { method: "GET" }))).toMatch(/^The server sent a reply/);
    const signIn = new ApiCallError("signInRequired", "Sign-in refused. Sign in again, then retry the action; it was not carried out.", { method: "POST", status: 401, body: { code: "Unauthenticated", message: "Sign-in refused." } });
    expect(explainError(signIn)).toBe(signIn.message);
    expect(explainError(new Error("boom"))).toBe("boom");
    expect(explainError("???")).toBe("Something went wrong.");
  });
});
