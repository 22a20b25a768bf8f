import { QueryErrorResetBoundary, useSuspenseQuery } from "@tanstack/react-query";
import { Component, Suspense, type ReactNode } from "react";
import type { AppConfig } from "../../shared/api.ts";
import { Button } from "../components/ui/button.tsx";
import { configQueryOptions } from "../features/config/queries.ts";
import { deploymentKeys } from "../features/deployment/queries.ts";
import { servedListedKinds } from "../features/services/rows.ts";
import { serviceKeys } from "../features/services/queries.ts";
import { currentAuth } from "../lib/auth.ts";
import { explainError } from "../lib/errors.ts";
import { useOpenPage } from "../lib/router.tsx";
import { useScrollOnNavigate } from "../lib/scroll.ts";
import { targetFromParams } from "../lib/targets.ts";
import type { FreshnessState } from "./freshness.tsx";
import { useFocusHeadingOnNavigate } from "./focus-heading.ts";
import { Header } from "./header.tsx";
import { LiveProvider, useLive } from "./live.tsx";
import { PageBoundary } from "./page-boundary.tsx";
import { Routes } from "./router.tsx";
import { SignInAgainNotice } from "./sign-in-gate.tsx";
import { useCachedQueryStates } from "./use-query-state.ts";

/**
 * The freshness of whatever the current page shows, read from the query cache: a target's page, or
 * the start page's lists (as old as the oldest, stale if any is).
 */
function useHeaderFreshness(config: AppConfig): FreshnessState | null {
  const { route, params } = useOpenPage();
  const { paused, held } = useLive();
  const target = targetFromParams(params);
  const sub = params.sub;
  // Other pages of a subscription (audit, triage) say their own freshness: the start page's lists,
  // still cached, would show an age that is not theirs.
  const onStartPage = route === "start";
  const keys = target ? [deploymentKeys.detail(target)] : sub && onStartPage ? servedListedKinds(config.kinds).map((k) => serviceKeys.list(sub, k)) : [];
  const states = useCachedQueryStates(keys);
  if (states.length === 0 || states.some((s) => !s)) return null;
  const known = states.filter((s) => s !== undefined);
  const failed = known.find((s) => s.status === "error");
  // The proxy's last good copy (Azure did not answer) is as stale as a failed poll, and as old as it says.
  // Several lists may be stale (the start page's kinds): the oldest copy is how old the page is.
  const staleTimes = known.flatMap((s) => {
    const d = s.data as { stale?: unknown; fetchedAt?: string } | undefined;
    return d?.stale && d.fetchedAt ? [Date.parse(d.fetchedAt)] : [];
  });
  const copy = staleTimes.length > 0;
  const updatedAt = copy ? Math.min(...staleTimes) : Math.min(...known.map((s) => s.dataUpdatedAt));
  return { updatedAt, error: failed?.error ?? null, failed: !!failed || copy, paused, held };
}

function Shell({ config }: { config: AppConfig }) {
  const freshness = useHeaderFreshness(config);
  useFocusHeadingOnNavigate();
  useScrollOnNavigate();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
        Skip to content
      </a>
      <Header config={config} freshness={freshness} />
      <SignInAgainNotice />
      <main id="main" className="mx-auto max-w-[110rem] px-4 py-4">
        <PageBoundary>
          <Routes />
        </PageBoundary>
      </main>
    </>
  );
}

function RootLayout() {
  const { data: config } = useSuspenseQuery(configQueryOptions());
  return (
    <LiveProvider fastMs={config.poll.fastMs} slowMs={config.poll.slowMs}>
      <Shell config={config} />
    </LiveProvider>
  );
}

function RootError({ error, reset }: { error: unknown; reset: () => void }) {
  const auth = currentAuth();
  return (
    <main id="main" className="mx-auto max-w-2xl p-6">
      <h1 className="text-xl font-semibold">Rolecall could not start</h1>
      <p className="mt-2">{explainError(error)}</p>
      <div className="mt-4 flex gap-2">
        <Button onClick={reset}>Try again</Button>
        {/* Signed in but refused (no Rolecall role): another account may be the way out. */}
        {auth.mode === "msal" && auth.user ? <Button onClick={() => void auth.signOut()}>Sign out</Button> : null}
      </div>
    </main>
  );
}

/** Anything thrown while starting (the config could not be read): RootError in place of the app. A page's own failure stops at PageBoundary. */
class StartBoundary extends Component<{ onReset: () => void; children: ReactNode }, { failed: boolean; error: unknown }> {
  override state = { failed: false, error: undefined as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { failed: true, error };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const reset = () => {
      // The failed config query is fetched again when the app renders next, rather than rethrown.
      this.props.onReset();
      this.setState({ failed: false, error: undefined });
    };
    return <RootError error={this.state.error} reset={reset} />;
  }
}

/** The app: the config is read before the shell renders (main.tsx has usually read it already). */
export function Root() {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <StartBoundary onReset={reset}>
          <Suspense fallback={null}>
            <RootLayout />
          </Suspense>
        </StartBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}
