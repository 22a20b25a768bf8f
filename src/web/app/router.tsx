import type { ComponentType } from "react";
import { href, routes, type RouteName } from "../lib/paths.ts";
import { Redirect, Route, setPreloaders, Switch, useParamsOf } from "../lib/router.tsx";
import { IndexPage } from "./index-route.tsx";
import { lazyPart } from "./lazy-part.tsx";
import { NotFound } from "./not-found.tsx";
import { PageLoading } from "./page-loading.tsx";
import { CloudServicePage, DeploymentPage, ScaleSetPage } from "./target-pages.tsx";

// Which page each address opens (lib/paths.ts names the addresses). The start page, the audit log and
// the triage view load on demand: the on-call path, a deep link to a target, never fetches them.
const lazyPage = <P extends object>(load: () => Promise<ComponentType<P>>, what: string) => lazyPart(load, what, <PageLoading what={what} />);
const ServicesPage = lazyPage(() => import("./services-page.tsx").then((m) => m.ServicesPage), "start page");
const AuditPage = lazyPage(() => import("./audit-page.tsx").then((m) => m.AuditPage), "audit log");
const TriagePage = lazyPage(() => import("./triage-page.tsx").then((m) => m.TriagePage), "instance search");
setPreloaders({ home: ServicesPage.preload, start: ServicesPage.preload, audit: AuditPage.preload, triage: TriagePage.preload });

/** A classic service without a slot opens its production slot. */
function ServiceRedirect() {
  const { sub, service } = useParamsOf("service");
  return <Redirect to={href("deployment", { sub, service, slot: "production" })} />;
}

/** Routes that only send elsewhere: arriving through them is not a page of its own (focus-heading.ts). */
export const redirectRoutes: readonly (RouteName | undefined)[] = ["home", "service"];

export function Routes() {
  return (
    <Switch>
      <Route path={routes.home}><IndexPage /></Route>
      <Route path={routes.start}><ServicesPage /></Route>
      <Route path={routes.service}><ServiceRedirect /></Route>
      <Route path={routes.deployment}><DeploymentPage /></Route>
      <Route path={routes.cloudService}><CloudServicePage /></Route>
      <Route path={routes.scaleSet}><ScaleSetPage /></Route>
      <Route path={routes.audit}><AuditPage /></Route>
      <Route path={routes.triage}><TriagePage /></Route>
      <Route><NotFound /></Route>
    </Switch>
  );
}
