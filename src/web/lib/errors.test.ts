import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client.ts";
import { explainError } from "./errors.ts";

describe("explainError", () => {
  it("says that Azure is busy, and with what, for a 409", () => {
    const err = new ApiError("http", "There is already an operation in progress.", 409, {
      code: "Conflict",
      message: "There is already an operation in progress.",
      blocking: { id: "a".repeat(32), action: "reboot", instances: ["Web_IN_1"], requestedBy: "Ada" },
    });
    expect(explainError(err)).toBe(
      `Azure is busy with another operation on this deployment: Reboot of Web_IN_1 requested by Ada (operation ${"a".repeat(32)}). Wait for it to finish, then try again.`,
    );
  });

  it("still says Azure is busy when the blocking operation is not known", () => {
    const err = new ApiError("http", "Conflict.", 409, { code: "ConflictError", message: "Conflict.", upstreamStatus: 409, upstreamCode: "ConflictError" });
    expect(explainError(err)).toBe("Azure is busy with another operation on this deployment. Wait for it to finish, then try again. (Conflict.)");
    const worded = new ApiError("http", "Azure is busy with another operation on this deployment (request abc).", 409);
    expect(explainError(worded)).toBe(worded.message);
  });

  it("names upstream trouble and network failures plainly", () => {
    expect(explainError(new ApiError("http", "Azure timed out.", 504, { code: "UpstreamTimeout", message: "Azure timed out." }))).toBe("Azure did not answer properly (504): Azure timed out.");
    expect(explainError(new ApiError("network", "Cannot reach the Rolecall server. Check your connection and that the server is running."))).toMatch(/Cannot reach/);
    expect(explainError(new Error("boom"))).toBe("boom");
    expect(explainError("???")).toBe("Something went wrong.");
  });
});
