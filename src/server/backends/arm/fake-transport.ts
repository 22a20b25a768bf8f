import type { Config } from "../../config.ts";
import type { ArmTransport, JsonResponse } from "./transport.ts";

// For unit tests of the ARM backends: a transport that plays Azure from a function and keeps every
// request it was handed, so a test can say exactly what would have left (and that nothing did).

export const FAKE_ARM_ORIGIN = "https://management.example.test";

export const fakeArmConfig = {
  arm: { url: FAKE_ARM_ORIGIN, identity: "emulator" },
  upstream: { timeoutMs: 1000, retries: 0, retryBaseMs: 1, retryAfterCapMs: 10 },
} as unknown as { arm: NonNullable<Config["arm"]>; upstream: Config["upstream"] };

export interface SentRequest {
  method: string;
  url: string;
  body: unknown;
}

export function fakeArmTransport(reply: (method: string, url: string, body: unknown) => Partial<JsonResponse>): { transport: ArmTransport; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const transport: ArmTransport = {
    origin: FAKE_ARM_ORIGIN,
    send: (method, pathOrUrl, _token, body) => {
      const url = new URL(pathOrUrl, FAKE_ARM_ORIGIN).href;
      sent.push({ method, url, body });
      return Promise.resolve({ status: 200, headers: {}, json: undefined, ...reply(method, url, body) });
    },
    close: () => {},
  };
  return { transport, sent };
}
