import { useSuspenseQuery } from "@tanstack/react-query";
import { configQueryOptions } from "../features/config/queries.ts";
import { href } from "../lib/paths.ts";
import { Redirect } from "../lib/router.tsx";

/** "/" opens the first subscription (replacing "/" in the history); with none configured it says so. */
export function IndexPage() {
  const { data: config } = useSuspenseQuery(configQueryOptions());
  const first = config.subscriptions[0];
  if (first) return <Redirect to={href("start", { sub: first.id })} />;
  return (
    <section>
      <h1 className="text-xl font-semibold">No subscription</h1>
      <p className="mt-2">The server lists no subscription. Set ROLECALL_SUBSCRIPTIONS and restart it.</p>
    </section>
  );
}
