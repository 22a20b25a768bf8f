import { request } from "node:https";
import { z } from "zod";
import { startEmulator, type EmulatorArmHandle, type EmulatorHandle, type EmulatorOptions } from "../index.ts";
import { SUB } from "./helpers.ts";

/**
 * ARM test helpers: a real emulator with both faces on free ports, and a tiny HTTPS client that trusts
 * the emulator's certificate through `ca` (verification stays on). Shapes are checked with schemas
 * written here from the reference, independently of the emulator's own code.
 */
export const API = "2024-11-04";
export const PROVIDER = "providers/Microsoft.Compute";
export const SHOP = `/subscriptions/${SUB}/resourceGroups/rg-shop-prod/${PROVIDER}/cloudServices/contoso-shop`;
export const REPORTS = `/subscriptions/${SUB}/resourceGroups/rg-reports/${PROVIDER}/cloudServices/fabrikam-reports`;

export type ArmEmulator = EmulatorHandle & { arm: EmulatorArmHandle };

export async function startArm(opts: EmulatorOptions = {}): Promise<ArmEmulator> {
  const emu = await startEmulator({ port: 0, clock: "manual", ...opts, arm: { port: 0, ...opts.arm } });
  if (!emu.arm) throw new Error("the emulator did not start its ARM face");
  return emu as ArmEmulator;
}

export interface ArmResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export interface ArmInit {
  method?: string;
  /** Bearer token; `null` sends no Authorization header. */
  token?: string | null;
  /** Added as `api-version` unless the path already has one; `null` sends none. */
  apiVersion?: string | null;
  body?: string;
  headers?: Record<string, string>;
}

/** One request to the ARM face: `target` is a path on it or an absolute URL it handed out. */
export function arm(emu: ArmEmulator, target: string, init: ArmInit = {}): Promise<ArmResponse> {
  const url = new URL(target.startsWith("https://") ? target : emu.arm.url + target);
  if (init.apiVersion !== null && !url.searchParams.has("api-version")) url.searchParams.set("api-version", init.apiVersion ?? API);
  const headers: Record<string, string> = { accept: "application/json", ...init.headers };
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? "test-token"}`;
  if (init.body !== undefined) headers["content-type"] ??= "application/json";
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers, ca: emu.arm.ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = text === "" ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

export const header = (res: ArmResponse, name: string): string | undefined => {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

export async function control(emu: ArmEmulator, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${emu.url}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

// ---- Shapes from the reference (B1, B2, B5) and the SDK's mappers ----

const status = z.strictObject({
  code: z.string().regex(/^[A-Za-z]+\/[-\w]+$/),
  level: z.enum(["Info", "Warning", "Error"]),
  displayStatus: z.string(),
  message: z.string().optional(),
  time: z.iso.datetime(),
});
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const roleInstanceViewSchema = z.strictObject({
  platformUpdateDomain: z.number().int().nonnegative(),
  platformFaultDomain: z.number().int().nonnegative(),
  privateId: guid,
  statuses: z.array(status).min(1),
});

export const roleInstanceSchema = z.strictObject({
  name: z.string(),
  id: z.string().startsWith(`/subscriptions/${SUB}/resourceGroups/`),
  type: z.literal("Microsoft.Compute/cloudServices/roleInstances"),
  location: z.string(),
  tags: z.record(z.string(), z.string()),
  sku: z.strictObject({ name: z.string(), tier: z.string() }),
  properties: z.strictObject({
    networkProfile: z.strictObject({ networkInterfaces: z.array(z.strictObject({ id: z.string() })) }),
    instanceView: roleInstanceViewSchema.optional(),
  }),
});

const roleSku = z.strictObject({ name: z.string(), tier: z.string(), capacity: z.number().int().positive() });

export const cloudServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.literal("Microsoft.Compute/cloudServices"),
  location: z.string(),
  tags: z.record(z.string(), z.string()),
  properties: z.object({
    upgradeMode: z.enum(["Auto", "Manual", "Simultaneous"]),
    roleProfile: z.object({ roles: z.array(z.strictObject({ name: z.string(), sku: roleSku })) }),
    provisioningState: z.enum(["Creating", "Updating", "Failed", "Succeeded", "Deleting"]),
    uniqueId: guid,
  }),
});

export const roleSchema = z.strictObject({
  name: z.string(),
  id: z.string(),
  type: z.literal("Microsoft.Compute/cloudServices/roles"),
  location: z.string(),
  sku: roleSku,
  properties: z.strictObject({ uniqueId: z.string() }),
});

export const cloudServiceInstanceViewSchema = z.strictObject({
  roleInstance: z.strictObject({ statusesSummary: z.array(z.strictObject({ code: z.string(), count: z.number().int().positive() })) }),
  sdkVersion: z.string(),
  privateIds: z.array(guid),
  statuses: z.array(status),
});

export const listOf = <T extends z.ZodType>(item: T) => z.strictObject({ value: z.array(item), nextLink: z.url().optional() });

export const cloudErrorSchema = z.strictObject({ error: z.strictObject({ code: z.string().min(1), message: z.string().min(1) }) });

export const asyncOperationSchema = z.strictObject({
  startTime: z.iso.datetime(),
  endTime: z.iso.datetime().optional(),
  status: z.enum(["InProgress", "Succeeded", "Failed", "Canceled"]),
  name: guid,
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
});

/** The CloudError envelope's code, failing the test when the body is not one. */
export function armErrorOf(res: ArmResponse): { code: string; message: string } {
  return cloudErrorSchema.parse(res.json).error;
}

/** Every page of a list, following `nextLink` as a client would; each link must be on the listener's origin. */
export async function allPages<T extends z.ZodType>(emu: ArmEmulator, path: string, item: T): Promise<{ items: z.infer<T>[]; pages: number }> {
  const items: z.infer<T>[] = [];
  let next: string | undefined = path;
  let pages = 0;
  while (next !== undefined) {
    const res = await arm(emu, next);
    if (res.status !== 200) throw new Error(`GET ${next}: ${res.status} ${res.text}`);
    const body = listOf(item).parse(res.json);
    items.push(...(body.value as z.infer<T>[]));
    pages += 1;
    if (body.nextLink !== undefined && !body.nextLink.startsWith(`${emu.arm.url}/`)) throw new Error(`nextLink off origin: ${body.nextLink}`);
    next = body.nextLink;
  }
  return { items, pages };
}

/** The three codes an instance view reports, by prefix. */
export function codes(view: z.infer<typeof roleInstanceViewSchema>): Record<string, string> {
  return Object.fromEntries(view.statuses.map((s) => [s.code.split("/")[0] ?? "", s.code]));
}
