import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { isIP } from "node:net";

/**
 * A self-signed certificate for the ARM listener, made with node:crypto alone. `npm start` runs the
 * emulator, so it cannot lean on a devDependency (`selfsigned`), and Node can sign but not build an
 * X.509 certificate: the little DER below is that missing part. ECDSA P-256 with SHA-256; the
 * certificate is its own CA (basicConstraints CA:TRUE), so a client trusts it by passing it as `ca`.
 */
export interface SelfSigned {
  cert: string;
  key: string;
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : n < 0x10000 ? Buffer.from([0x82, n >> 8, n & 0xff]) : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
const explicit = (n: number, c: Buffer) => tlv(0xa0 + n, c);
const TRUE = tlv(0x01, Buffer.from([0xff]));

function integer(b: Buffer): Buffer {
  // DER integers are signed: a leading 1 bit needs a 0 byte in front to stay positive.
  return tlv(0x02, (b[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split(".").map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime (YYMMDDHHMMSSZ): valid to 2049, well past any certificate made here. */
function utcTime(ms: number): Buffer {
  const iso = new Date(ms).toISOString();
  return tlv(0x17, Buffer.from(`${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`));
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split(".").map(Number));
  const [head = "", tail = ""] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t] : h;
  return Buffer.concat(groups.map((g) => Buffer.from([parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff])));
}

const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [TRUE] : []), octets(value));

/** Names the certificate is valid for: loopback always, plus `host` when it is a specific address or name. */
export function createSelfSigned(host = "127.0.0.1", now = Date.now()): SelfSigned {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const name = seq(set(seq(oid("2.5.4.3"), utf8("Rolecall emulator ARM (self-signed)"))));
  const sigAlg = seq(oid("1.2.840.10045.4.3.2"));
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;

  const dns = new Set(["localhost"]);
  const ips = new Set(["127.0.0.1", "::1"]);
  if (isIP(host)) {
    if (host !== "0.0.0.0" && host !== "::") ips.add(host);
  } else if (host !== "") dns.add(host);
  const altNames = seq(...[...dns].map((d) => tlv(0x82, Buffer.from(d, "ascii"))), ...[...ips].map((ip) => tlv(0x87, ipBytes(ip))));

  const keyId = createHash("sha1").update(spki).digest();
  const extensions = seq(
    extension("2.5.29.19", true, seq(TRUE)), // basicConstraints: CA, so it can be its own trust anchor
    extension("2.5.29.15", true, bits(Buffer.from([0x84]), 2)), // keyUsage: digitalSignature, keyCertSign
    extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"))), // extKeyUsage: serverAuth
    extension("2.5.29.17", false, altNames),
    extension("2.5.29.14", false, octets(keyId)),
  );
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    sigAlg,
    name,
    seq(utcTime(now - 24 * 3600_000), utcTime(now + 365 * 24 * 3600_000)),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = sign("sha256", tbs, { key: privateKey, dsaEncoding: "der" });
  const der = seq(tbs, sigAlg, bits(signature));
  const body = der.toString("base64").replace(/.{64}/g, "$&\n").trimEnd();
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}
