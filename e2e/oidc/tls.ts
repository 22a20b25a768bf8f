import { generate } from "selfsigned";

export interface TestTls {
  /** The CA certificate to trust (Node `ca`, ROLECALL_AUTH_CA_PATH). */
  caPem: string;
  certPem: string;
  keyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A throw-away CA and a server certificate for 127.0.0.1 and localhost, made at test time so no
 * key is ever committed. EC keys: generating them takes milliseconds, RSA would take seconds.
 */
export async function generateTestTls(): Promise<TestTls> {
  const notAfterDate = new Date(Date.now() + DAY_MS);
  const ca = await generate([{ name: "commonName", value: "Rolecall test CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    algorithm: "sha256",
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] },
    ],
  });
  return { caPem: ca.cert, certPem: leaf.cert, keyPem: leaf.private };
}
