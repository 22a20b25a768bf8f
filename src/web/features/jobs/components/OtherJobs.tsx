import type { Job } from "../../../../shared/api.ts";
import { actionVerbs, formatDateTime } from "../../../lib/format.ts";
import { jobProgress } from "../progress.ts";

/**
 * The target's other recent jobs, each a link that opens it in the panel: after a job ends and
 * another starts, the first is still one click away (and its link can be pasted).
 */
export function OtherJobs({ jobs, linkTo, onOpen }: { jobs: readonly Job[]; linkTo: (id: string) => string; onOpen: (id: string) => void }) {
  if (jobs.length === 0) return null;
  return (
    <section aria-label="Other jobs on this target" className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h3 className="text-xs font-semibold text-slate-700 dark:text-slate-300">Other jobs on this target</h3>
      <ul className="mt-1 space-y-1">
        {jobs.slice(0, 5).map((j) => {
          const p = jobProgress(j);
          return (
            <li key={j.id}>
              <a
                href={linkTo(j.id)}
                className="text-blue-800 underline dark:text-blue-300"
                // A plain click opens it in place (no page load); the href stays for new tabs and copying.
                onClick={(e) => {
                  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                  e.preventDefault();
                  onOpen(j.id);
                }}
              >
                {actionVerbs[j.action]} job · {j.state} · {p.instancesDone} of {p.instances} instances
              </a>{" "}
              <span className="text-xs text-slate-700 dark:text-slate-300">by {j.requestedBy}, {formatDateTime(j.requestedAt)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
