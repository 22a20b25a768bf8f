import { isIP } from "node:net";
import { generate } from "selfsigned";

/**
 * A self-signed certificate for the ARM listener (HTTPS, as ARM clients demand for bearer tokens).
 * ECDSA P-256 with SHA-256; the certificate is its own CA (basicConstraints CA:TRUE), so a client
 * trusts it by passing it as `ca`, never by turning verification off.
 */
export interface SelfSigned {
  cert: string;
  key: string;
}

const DAY_MS = 24 * 3600_000;

/** Names the certificate is valid for: loopback always, plus `host` when it is a specific address or name. */
export async function createSelfSigned(host = "127.0.0.1"): Promise<SelfSigned> {
  const dns = new Set(["localhost"]);
  const ips = new Set(["127.0.0.1", "::1"]);
  if (isIP(host)) {
    if (host !== "0.0.0.0" && host !== "::") ips.add(host);
  } else if (host !== "") dns.add(host);
  const made = await generate([{ name: "commonName", value: "Rolecall emulator ARM (self-signed)" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate: new Date(Date.now() - DAY_MS),
    notAfterDate: new Date(Date.now() + 365 * DAY_MS),
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [...[...dns].map((value) => ({ type: 2 as const, value })), ...[...ips].map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  return { cert: made.cert, key: made.private };
}
