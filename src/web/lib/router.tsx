import { useCallback, useLayoutEffect, useMemo, useRef, type AnchorHTMLAttributes, type ReactNode } from "react";
import { matchRoute, Router, Link as WouterLink, useLocation, useRoute, useRouter, type Parser } from "wouter";
import { parseSearch, routes, stringifySearch, type AnyParams, type Href, type ParamsOf, type RouteName } from "./paths.ts";
import { keyedNavigation } from "./scroll.ts";

// The SPA's only wrapper of wouter: links, navigation, the open page's params and search, and the
// history entries (keyed for scroll.ts). Pages and features use these, never wouter itself.

// The route table (app/router.tsx) matches with wouter's own.
export { Route, Switch } from "wouter";

// --- The open page

export interface OpenPage {
  /** Undefined: no page has this address ("Nothing here"). */
  route: RouteName | undefined;
  params: AnyParams;
}

const order = Object.keys(routes) as RouteName[];

/** Which page a path opens, and its params (no two patterns match the same path). */
export function pageOf(path: string, parser: Parser): OpenPage {
  for (const route of order) {
    const [matched, params] = matchRoute(parser, routes[route], path);
    if (matched) return { route, params };
  }
  return { route: undefined, params: {} };
}

/** The path open now (without the search). */
export function usePath(): string {
  return useLocation()[0];
}

/** The page open now, for what sits outside the routes: the header, the shell. */
export function useOpenPage(): OpenPage {
  const path = usePath();
  const { parser } = useRouter();
  return useMemo(() => pageOf(path, parser), [path, parser]);
}

/** The params of `route`, from a component that only that route renders. */
export function useParamsOf<R extends RouteName>(route: R): ParamsOf<R> {
  const [matched, params] = useRoute(routes[route]);
  if (!matched) throw new Error(`The ${route} page was rendered at an address that is not its own`);
  return params as unknown as ParamsOf<R>;
}

// --- Search

/** The open page with another search: what a page's own filters navigate to. Here, not in paths.ts: only the open page's path may be turned into an Href this way. */
function withSearch(path: string, search: Record<string, unknown>): Href {
  return `${path}${stringifySearch(search)}` as Href;
}

export type SetSearch<S> = (patch: Partial<S> | ((prev: S) => Partial<S>), how?: { push: boolean }) => void;

/**
 * The open page's search read through its schema (a bad value is dropped, the page still opens), and
 * a setter that merges a patch into it. Filters replace the history entry; `push` adds one, for what
 * Back should undo (opening an instance, an older page of entries).
 */
export function useSearchState<S extends object>(schema: { parse: (input: unknown) => S }): [S, SetSearch<S>] {
  const router = useRouter();
  // As the address has it: wouter's useSearch() decodes it first, and `%2541` would then decode twice.
  const raw = router.searchHook(router);
  const [path, navigate] = useLocation();
  const search = useMemo(() => schema.parse(parseSearch(raw)), [schema, raw]);
  // Two patches in one event build on each other, not each on the search rendered last.
  const latest = useRef(search);
  useLayoutEffect(() => {
    latest.current = search;
  }, [search]);
  const setSearch = useCallback<SetSearch<S>>(
    (patch, how) => {
      const next = { ...latest.current, ...(typeof patch === "function" ? patch(latest.current) : patch) };
      latest.current = next;
      navigate(withSearch(path, next), { replace: !how?.push });
    },
    [navigate, path],
  );
  return [search, setSearch];
}

// --- Navigation

/** Goes to another page or view as a link would; `replace` keeps Back from returning here. */
export function useNavigate(): (to: Href, how?: { replace?: boolean }) => void {
  const [, navigate] = useLocation();
  return useCallback((to, how) => navigate(to, { replace: how?.replace }), [navigate]);
}

/** Replaces the address (Back does not come back to it), before the browser paints. */
export function Redirect({ to }: { to: Href }) {
  const navigate = useNavigate();
  useLayoutEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}

// Pages that load on demand start loading when the pointer or focus reaches a link to them, so the
// click rarely waits for their code.
let preloaders: Partial<Record<RouteName, () => void>> = {};

/** Set once, by the route table (app/router.tsx), with the pages that load on demand. */
export function setPreloaders(p: Partial<Record<RouteName, () => void>>): void {
  preloaders = p;
}

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> {
  to: Href;
  children?: ReactNode;
}

/** An in-app link: navigates without a reload; a new tab, a copied address work as with any link. */
export function Link({ to, onPointerEnter, onFocus, ...rest }: LinkProps) {
  const { parser } = useRouter();
  const intent = () => {
    const { route } = pageOf(to.split("?")[0] ?? "", parser);
    if (route) preloaders[route]?.();
  };
  return (
    <WouterLink
      href={to}
      onPointerEnter={(e) => {
        intent();
        onPointerEnter?.(e);
      }}
      onFocus={(e) => {
        intent();
        onFocus?.(e);
      }}
      {...rest}
    />
  );
}

/** The browser's address bar as the router's location. */
export function BrowserRouter({ children }: { children: ReactNode }) {
  return <Router aroundNav={keyedNavigation}>{children}</Router>;
}
