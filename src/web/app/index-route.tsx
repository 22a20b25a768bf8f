import { createRoute, redirect } from "@tanstack/react-router";
import { configQueryOptions } from "../features/config/queries.ts";
import { rootRoute } from "./root.tsx";

// "/" opens the first subscription; with none configured it says so.
export const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  loader: async ({ context }) => {
    const config = await context.queryClient.query({ ...configQueryOptions(), staleTime: "static" });
    const first = config.subscriptions[0];
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- TanStack Router redirects by throwing
    if (first) throw redirect({ to: "/s/$sub", params: { sub: first.id }, replace: true });
  },
  component: () => (
    <section>
      <h1 className="text-xl font-semibold">No subscription</h1>
      <p className="mt-2">The server lists no subscription. Set ROLECALL_SUBSCRIPTIONS and restart it.</p>
    </section>
  ),
});
