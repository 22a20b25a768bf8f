import { describe, expect, it, vi } from "vitest";
import { ARM_TOKEN_HEADER, MANAGEMENT_TOKEN_HEADER } from "../../shared/api.ts";
import { authHeaders, initAuth } from "./auth.ts";
import type { MsalAuth } from "./msal/index.ts";

// In passthrough mode every /api request carries the user's token for each upstream the proxy
// forwards to: the management API (classic) and Azure Resource Manager (extended cloud services).

const tokens = { management: "management-token" as string | null, arm: "arm-token" as string | null };

vi.mock("./msal/index.ts", () => ({
  SignInRedirectError: class extends Error {},
  createMsalAuth: (): Promise<MsalAuth> =>
    Promise.resolve({
      getAccount: () => ({ name: "Ada", username: "ada", id: "ada", appRoles: [] }),
      getApiToken: () => Promise.resolve("api-token"),
      getManagementToken: () => Promise.resolve(tokens.management),
      getArmToken: () => Promise.resolve(tokens.arm),
      signIn: () => Promise.resolve(),
      signOut: () => Promise.resolve(),
    }),
}));

describe("authHeaders in passthrough mode", () => {
  it("sends the API token, the management token and the ARM token, each in its header", async () => {
    await initAuth({
      mode: "msal",
      clientId: "spa",
      authority: "https://login.example/tenant/v2.0",
      apiScope: "api://rolecall/access",
      knownAuthorities: [],
      protocolMode: "AAD",
      upstreamIdentity: "passthrough",
      managementScope: "https://management.core.windows.net//user_impersonation",
      armScope: "https://management.azure.com//user_impersonation",
    });
    expect(await authHeaders()).toEqual({ authorization: "Bearer api-token", [MANAGEMENT_TOKEN_HEADER]: "management-token", [ARM_TOKEN_HEADER]: "arm-token" });

    // An upstream without a token (ARM off, or the certificate identity) gets no header at all.
    tokens.arm = null;
    expect(await authHeaders()).toEqual({ authorization: "Bearer api-token", [MANAGEMENT_TOKEN_HEADER]: "management-token" });
    tokens.management = null;
    expect(await authHeaders()).toEqual({ authorization: "Bearer api-token" });
  });
});
