import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Face } from "./faults.ts";

/** What the emulator saw of each API request (either face), without secrets. */
export interface LoggedRequest {
  /** `classic` = Service Management, `arm` = Azure Resource Manager. */
  face: Face;
  method: string;
  path: string;
  query: Record<string, string>;
  /** ISO time on the emulator's clock. */
  at: string;
  /** Request headers except credentials (authorization, cookie). */
  headers: Record<string, string>;
  /**
   * Whether a credential came, its scheme, and a fingerprint (8 hex of its SHA-256): enough for a
   * test to tell which of two tokens called, never the credential itself.
   */
  authorization: { present: boolean; scheme?: string; fingerprint?: string };
  clientCertificate: boolean;
}

const MAX_ENTRIES = 10_000;
const fingerprint = (credential: string) => createHash("sha256").update(credential).digest("hex").slice(0, 8);
const secretHeaders = new Set(["authorization", "proxy-authorization", "cookie"]);

export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(entry: Omit<LoggedRequest, "headers" | "authorization"> & { rawHeaders: IncomingHttpHeaders }): void {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(entry.rawHeaders)) {
      if (value === undefined || secretHeaders.has(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const auth = entry.rawHeaders.authorization;
    const scheme = auth?.trim().split(/\s+/)[0];
    this.entries.push({
      face: entry.face,
      method: entry.method,
      path: entry.path,
      query: entry.query,
      at: entry.at,
      headers,
      authorization: auth === undefined ? { present: false } : { present: true, ...(scheme ? { scheme } : {}), fingerprint: fingerprint(auth) },
      clientCertificate: entry.clientCertificate,
    });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
