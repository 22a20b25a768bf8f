import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import * as z from "zod/mini";
import { TRIAGE_QUERY_MAX } from "../../shared/triage-limits.ts";
import { rootRoute } from "./root.tsx";

// Every instance of a subscription that is not ready, or that a name or IP search finds, whatever
// target it lives in (issue #14). Loaded on demand; its URL contract (the search, the switch) is here.
// A bad value is dropped rather than failing the page, as in search.ts.
const optional = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);
export const triageSearchSchema = z.object({
  // As long as the proxy accepts (and the search box holds): a longer one would only be refused.
  q: optional(z.string().check(z.maxLength(TRIAGE_QUERY_MAX))),
  /** Ready instances too; absent = only the ones that are not ready. */
  all: optional(z.literal("1")),
});

export const triageRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/s/$sub/triage",
  validateSearch: (s) => triageSearchSchema.parse(s),
  component: lazyRouteComponent(() => import("./triage-page.tsx"), "TriagePage"),
});
