import * as z from "zod/mini";
import { targetKinds } from "./targets.ts";

// The part of the /api contract the shell reads before any target (DESIGN.md §3): the config, who is
// signed in, the subscriptions, health. Re-exported by api.ts, so callers import from there.

export const subscriptionSchema = z.object({ id: z.string(), name: z.string() });
export type Subscription = z.infer<typeof subscriptionSchema>;

export const appConfigSchema = z.object({
  mode: z.enum(["emulator", "azure"]),
  auth: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("none") }),
    z.object({
      mode: z.literal("msal"),
      clientId: z.string(),
      authority: z.string(),
      apiScope: z.string(),
      /** Authorities MSAL may trust besides Microsoft's (for a local OIDC provider in tests). */
      knownAuthorities: z.array(z.string()),
      protocolMode: z.enum(["AAD", "OIDC"]),
      upstreamIdentity: z.enum(["passthrough", "certificate"]),
      managementScope: z.optional(z.string()),
      /** Passthrough with ARM on: the scope of the Azure Resource Manager token the SPA also sends. */
      armScope: z.optional(z.string()),
      /** Seconds before expiry the browser renews a token (MSAL's default 300 when absent). */
      tokenRenewalOffsetSec: z.optional(z.int().check(z.nonnegative())),
    }),
  ]),
  poll: z.object({ fastMs: z.int().check(z.positive()), slowMs: z.int().check(z.positive()) }),
  subscriptions: z.array(subscriptionSchema),
  /** The kinds of target this Rolecall serves (each upstream may be off). */
  kinds: z.array(z.enum(targetKinds)),
});
export type AppConfig = z.infer<typeof appConfigSchema>;

export const roleSchema = z.enum(["reader", "operator"]);
export const meSchema = z.object({ name: z.string(), id: z.string(), roles: z.array(roleSchema) });
export type Me = z.infer<typeof meSchema>;

export const healthSchema = z.object({
  ok: z.boolean(),
  upstream: z.enum(["emulator", "azure"]),
  version: z.string(),
  /** Which upstreams are on. */
  upstreams: z.object({ classic: z.boolean(), arm: z.boolean() }),
});
export type Health = z.infer<typeof healthSchema>;

/** `GET /api/health/ready` when every part answers (else 503 NotReady naming the part that did not). */
export const readySchema = z.object({
  ok: z.literal(true),
  store: z.enum(["sqlite", "postgres"]),
  /** Each configured upstream and how long it took to answer. */
  upstreams: z.record(z.string(), z.object({ ms: z.number() })),
});
export type Ready = z.infer<typeof readySchema>;
