import type { UseQueryResult } from "@tanstack/react-query";
import { TRIAGE_QUERY_MIN } from "../../../../shared/triage.ts";
import { Panel } from "../../../components/ui/panel.tsx";
import { explainError } from "../../../lib/errors.ts";
import { formatTime } from "../../../lib/format.ts";
import { PHONE, useMediaQuery } from "../../../lib/use-media-query.ts";
import { useNow } from "../../../lib/use-now.ts";
import type { TriageQuery, TriageResult } from "../api.ts";
import { askable } from "../queries.ts";
import { kindWords } from "./parts.tsx";
import { TriageCards } from "./TriageCards.tsx";
import { TriageTable } from "./TriageTable.tsx";

const note = "border-b border-slate-200 px-4 py-2 text-sm dark:border-slate-800";
const count = (n: number) => n.toLocaleString("en");

/** The panel of matching instances: what was read, what could not be, and the rows. */
export function TriageResults({ result, query }: { result: UseQueryResult<TriageResult>; query: TriageQuery }) {
  const phone = useMediaQuery(PHONE);
  const now = useNow(10_000);
  const data = result.data;
  const q = query.q?.trim();
  const title = `${query.notReady ? "Not ready" : "Instances"}${q ? ` matching “${q}”` : ""}${data ? ` (${count(data.matched)})` : ""}`;
  // Said once the count is known or changes (a search typed, a refresh), without moving focus.
  const heard = data && askable(query) ? `${count(data.matched)} ${data.matched === 1 ? "instance" : "instances"}${query.notReady ? " not ready" : ""}${q ? ` matching “${q}”` : ""}` : "";
  const live = (
    <p className="sr-only" aria-live="polite" aria-atomic="true">
      {heard}
    </p>
  );
  if (!askable(query)) {
    return (
      <>
        {live}
        <Panel title="Instances">
          <p className="px-4 py-6 text-sm">Type at least {TRIAGE_QUERY_MIN} characters of an instance name or IP address, or turn on “Only instances that are not ready”.</p>
        </Panel>
      </>
    );
  }
  const instances = data?.targets.reduce((n, t) => n + t.instanceCount, 0) ?? 0;
  return (
    <>
      {live}
      <Panel title={title}>
        {!data ? <p className="px-4 py-6 text-sm">{result.isError ? `Could not load the instances: ${explainError(result.error)}` : "Reading every target of the subscription…"}</p> : null}
        {data ? (
          <>
            <p className={note}>
              Checked {count(data.targets.length)} target{data.targets.length === 1 ? "" : "s"} ({count(instances)} instances)
              {data.failures.length ? `; ${count(data.failures.length)} could not be read (listed first)` : ""}.
            </p>
            {data.staleLists.map((s) => (
              <p key={s.kind} className={`${note} font-semibold text-amber-950 dark:text-amber-50`}>
                The {kindWords[s.kind].toLowerCase()} list is from {formatTime(Date.parse(s.stale.since))} or earlier; Azure did not answer: {s.stale.error.message}
              </p>
            ))}
            {data.targets.map((t) =>
              t.stale ? (
                <p key={t.target} className={`${note} font-semibold text-amber-950 dark:text-amber-50`}>
                  {t.label} is shown from its last good copy; Azure has not answered since {formatTime(Date.parse(t.stale.since))}: {t.stale.error.message}
                </p>
              ) : null,
            )}
            {data.truncated ? <p className={note}>Showing the {count(data.rows.length)} most severe of {count(data.matched)} matching instances. Narrow the search to see the rest.</p> : null}
            {data.rows.length === 0 && data.failures.length === 0 ? (
              <p className="px-4 py-6 text-sm">{query.notReady && !q ? "Every instance Rolecall could read is ready." : `No ${query.notReady ? "instance that is not ready" : "instance"} matches “${q ?? ""}”.`}</p>
            ) : phone ? (
              <TriageCards rows={data.rows} failures={data.failures} now={now} />
            ) : (
              <div className="overflow-x-auto">
                <TriageTable rows={data.rows} failures={data.failures} now={now} />
              </div>
            )}
            <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-700 dark:border-slate-800 dark:text-slate-300">
              “First seen by Rolecall” is the first time this Rolecall server saw the instance not ready, on any page and for any viewer; not when it went bad, which Azure does not say. Each server keeps its own, and starts over when it restarts.
            </p>
          </>
        ) : null}
      </Panel>
    </>
  );
}
