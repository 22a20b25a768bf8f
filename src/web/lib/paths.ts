import type { AuditSearch, DeploymentSearch, ServicesSearch, TriageSearch } from "../app/search.ts";

// Every page of the SPA, named once: its URL pattern (wouter's `:param` syntax) and the search it
// reads. Links and navigations are built here (`href`), so no component writes a path by hand and a
// typo in a route's name, a missing param or a search field the page does not read fails `tsc`.
// Classic deployments keep their short form (`/services/{service}/{slot}`) so links already shared
// keep opening; the ARM targets' pages mirror their /api paths.

export const routes = {
  /** Redirects to the first subscription's start page. */
  home: "/",
  /** A subscription's start page: its cloud services and its operations. */
  start: "/s/:sub",
  /** A classic service without a slot: redirects to its production slot. */
  service: "/s/:sub/services/:service",
  deployment: "/s/:sub/services/:service/:slot",
  cloudService: "/s/:sub/resourceGroups/:rg/cloudServices/:name",
  scaleSet: "/s/:sub/resourceGroups/:rg/virtualMachineScaleSets/:vmss",
  audit: "/s/:sub/audit",
  triage: "/s/:sub/triage",
} as const;

export type RouteName = keyof typeof routes;

type ParamNames<P extends string> = P extends `${string}:${infer K}/${infer Rest}` ? K | ParamNames<Rest> : P extends `${string}:${infer K}` ? K : never;

/** The params a route's pattern names, each a string. */
export type ParamsOf<R extends RouteName> = { [K in ParamNames<(typeof routes)[R]>]: string };

/** Any param of any route: what a page's params may hold when it is not known which page is open. */
export type AnyParams = Partial<Record<ParamNames<(typeof routes)[RouteName]>, string>>;

/** The search each page reads (its zod/mini schema's output, app/search.ts); `never`: none. */
interface SearchOf {
  home: never;
  start: ServicesSearch;
  service: never;
  deployment: DeploymentSearch;
  cloudService: DeploymentSearch;
  scaleSet: DeploymentSearch;
  audit: AuditSearch;
  triage: TriageSearch;
}

declare const hrefBrand: unique symbol;
/** An in-app address built by `href`: what links and navigations take, so none is written by hand. */
export type Href = string & { readonly [hrefBrand]: true };

/** The address of a page: its pattern with `params` filled in (each encoded), and `search` if any. */
export function href<R extends RouteName>(route: R, params: ParamsOf<R>, search?: Partial<SearchOf[R]>): Href {
  const values: Record<string, string> = params;
  const path = routes[route].replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
  return `${path}${search ? stringifySearch(search) : ""}` as Href;
}

// Flat `key=value` pairs rather than JSON in the URL: links stay readable when pasted into chat, and a
// search for "123" stays the string "123".
export function parseSearch(searchStr: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(searchStr)) out[k] = v;
  return out;
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
      if (v !== "") params.set(k, String(v));
    }
  }
  // A slash needs no escaping in a query (RFC 3986): a target's path stays readable in a pasted link.
  const s = params.toString().replaceAll("%2F", "/");
  return s ? `?${s}` : "";
}
