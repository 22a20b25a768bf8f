import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestCerts {
  dir: string;
  caPem: string;
  serverCert: string;
  serverKey: string;
  /** Paths, as the proxy's configuration takes them. */
  caPath: string;
  clientCertPath: string;
  clientKeyPath: string;
}

/**
 * A throwaway CA, a server certificate for 127.0.0.1 and a client (management) certificate, made
 * with the openssl CLI at test time. EC keys: fast to generate.
 */
export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), "rolecall-certs-"));
  const p = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  ssl("req", "-x509", ...ecKey, "-keyout", p("ca.key"), "-out", p("ca.pem"), "-days", "1", "-subj", "/CN=Rolecall Test CA");
  writeFileSync(p("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  writeFileSync(p("client.ext"), "extendedKeyUsage=clientAuth\n");
  for (const [name, cn] of [["server", "127.0.0.1"], ["client", "Rolecall management certificate"]] as const) {
    ssl("req", ...ecKey, "-keyout", p(`${name}.key`), "-out", p(`${name}.csr`), "-subj", `/CN=${cn}`);
    ssl("x509", "-req", "-in", p(`${name}.csr`), "-CA", p("ca.pem"), "-CAkey", p("ca.key"), "-CAcreateserial", "-out", p(`${name}.pem`), "-days", "1", "-extfile", p(`${name}.ext`));
  }
  return {
    dir,
    caPem: readFileSync(p("ca.pem"), "utf8"),
    serverCert: readFileSync(p("server.pem"), "utf8"),
    serverKey: readFileSync(p("server.key"), "utf8"),
    caPath: p("ca.pem"),
    clientCertPath: p("client.pem"),
    clientKeyPath: p("client.key"),
  };
}
