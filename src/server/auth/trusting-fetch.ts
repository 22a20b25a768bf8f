import { request as httpsRequest } from "node:https";

/** The slice of `fetch` that jose's `customFetch` and our discovery lookup use. */
export type FetchLike = (
  url: string,
  init: { method?: "GET"; headers?: Headers | Record<string, string>; signal?: AbortSignal; redirect?: "manual" },
) => Promise<Response>;

// Discovery documents and key sets are small; a bigger answer is a misconfiguration or an attack.
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A GET-only fetch that trusts exactly the given CA (PEM) for HTTPS. Node's global fetch cannot be
 * given a CA without the undici package, and a private or test OpenID provider uses a certificate
 * that the system store does not know. Redirects are not followed (jose asks for "manual").
 */
export function createTrustingFetch(caPem: string): FetchLike {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== "https:") {
        reject(new Error(`refusing to fetch signing metadata over ${target.protocol} with a private CA`));
        return;
      }
      const headers: Record<string, string> = {};
      if (init.headers instanceof Headers) init.headers.forEach((value, name) => (headers[name] = value));
      else Object.assign(headers, init.headers);
      const req = httpsRequest(target, { method: "GET", headers, ca: caPem, signal: init.signal }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy(new Error("signing metadata response too large"));
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === "string") responseHeaders.set(name, value);
          }
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 502, headers: responseHeaders }));
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
}

/** The fetch to use for a provider: the global one, or one trusting a private CA when given. */
export function fetchFor(caPem: string | undefined): FetchLike {
  return caPem ? createTrustingFetch(caPem) : (url, init) => fetch(url, init);
}
