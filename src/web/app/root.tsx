import { useSuspenseQuery, type QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, Link, Outlet, useParams, type ErrorComponentProps } from "@tanstack/react-router";
import type { AppConfig } from "../../shared/api.ts";
import { slotSchema } from "../../shared/names.ts";
import { Button } from "../components/ui/button.tsx";
import { configQueryOptions } from "../features/config/queries.ts";
import { deploymentKeys } from "../features/deployment/queries.ts";
import { serviceKeys } from "../features/services/queries.ts";
import { currentAuth } from "../lib/auth.ts";
import { explainError } from "../lib/errors.ts";
import type { FreshnessState } from "./freshness.tsx";
import { Header } from "./header.tsx";
import { LiveProvider, useLive } from "./live.tsx";
import { SignInAgainNotice } from "./sign-in-gate.tsx";
import { useCachedQueryState } from "./use-query-state.ts";

export interface RouterContext {
  queryClient: QueryClient;
}

/** The freshness of whatever the current page shows, read from the query cache. */
function useHeaderFreshness(): FreshnessState | null {
  const params = useParams({ strict: false });
  const { paused, held } = useLive();
  const slot = slotSchema.safeParse(params.slot);
  const key =
    params.sub && params.service && slot.success
      ? deploymentKeys.detail(params.sub, params.service, slot.data)
      : params.sub
        ? serviceKeys.list(params.sub)
        : null;
  const state = useCachedQueryState(key);
  if (!key || !state) return null;
  return { updatedAt: state.dataUpdatedAt, error: state.error, failed: state.status === "error", paused, held };
}

function Shell({ config }: { config: AppConfig }) {
  const freshness = useHeaderFreshness();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
        Skip to content
      </a>
      <Header config={config} freshness={freshness} />
      <SignInAgainNotice />
      <main id="main" className="mx-auto max-w-[110rem] px-4 py-4">
        <Outlet />
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

function RootError({ error, reset }: ErrorComponentProps) {
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

function NotFound() {
  return (
    <section className="p-4">
      <h1 className="text-xl font-semibold">Nothing here</h1>
      <p className="mt-2">This address does not match any Rolecall view.</p>
      <Link to="/" className="mt-3 inline-block text-blue-800 underline dark:text-blue-300">Go to the start page</Link>
    </section>
  );
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  loader: ({ context }) => context.queryClient.query({ ...configQueryOptions(), staleTime: "static" }),
  component: RootLayout,
  errorComponent: RootError,
  notFoundComponent: NotFound,
});
