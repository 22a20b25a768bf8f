import { DefaultAzureCredential } from "@azure/identity";
import type { Config } from "../../config.ts";
import { UpstreamError } from "../../upstream/errors.ts";
import type { UpstreamIdentity } from "../../upstream/identity.ts";

/** The bearer token an ARM request carries, as ROLECALL_ARM_IDENTITY says; undefined sends none. */
export type ArmTokenSource = (identity: UpstreamIdentity) => Promise<string | undefined>;

// Entra ID's hosts in each cloud: MSAL discovers their instances itself. Any other authority host
// (a private provider in tests, ADFS) is taken as given, without asking Microsoft about it.
const microsoftAuthority = /^https:\/\/login\.(microsoftonline\.(com|us)|chinacloudapi\.cn|partner\.microsoftonline\.cn)\/?$/i;

/**
 * `ca`: ROLECALL_CA_PATH's certificates, trusted instead of the public roots for the service
 * identity's token requests too (only when set: a private CA means a private token endpoint).
 */
export function armTokenSource(arm: NonNullable<Config["arm"]>, ca?: Buffer, env: Record<string, string | undefined> = process.env): ArmTokenSource {
  switch (arm.identity) {
    case "passthrough":
      // The caller's own token; without one ARM refuses (401), and the person is told so.
      return (identity) => Promise.resolve(identity.armToken);
    case "emulator":
      // The config allows this only for an ARM URL on this machine: the emulator takes any token.
      return () => Promise.resolve("rolecall-emulator");
    case "service": {
      // Managed identity in Azure, workload identity, a service principal from AZURE_* variables, or
      // `az login` on a workstation. The credential caches and renews its token.
      const authorityHost = env.AZURE_AUTHORITY_HOST;
      const credential = new DefaultAzureCredential({
        disableInstanceDiscovery: authorityHost !== undefined && !microsoftAuthority.test(authorityHost),
        tlsOptions: ca ? { ca: ca.toString("utf8") } : undefined,
      });
      const scope = `${new URL(arm.url).origin}/.default`;
      return async () => {
        try {
          return (await credential.getToken(scope)).token;
        } catch (err) {
          throw new UpstreamError({ kind: "unreachable", maybeSent: false, cause: `no Azure credential for ${scope} (${err instanceof Error ? err.message.split("\n")[0] : String(err)})` });
        }
      };
    }
  }
}
