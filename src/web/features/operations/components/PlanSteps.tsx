import type { RoleFloor } from "../../../../shared/jobs.ts";
import type { PlannedStep } from "../../../../shared/jobs.ts";

export interface StepGuard {
  step: PlannedStep;
  ok: boolean;
  roles: RoleFloor[];
}

/** Why a step would wait, in the words the proxy's `waitingFor` uses. */
export function stepWaitWarning(g: StepGuard, verb: string): string {
  const short = g.roles.filter((r) => !r.ok).map((r) => `${r.role} would have ${r.readyDuring} ready, below its floor of ${r.floor} of ${r.size}`);
  return `Step ${g.step.index + 1} would wait: ${short.join("; ")}. The job waits for readiness before this ${verb.toLowerCase()}, and pauses if it does not come.`;
}

function FloorTable({ roles }: { roles: readonly RoleFloor[] }) {
  return (
    <table className="mt-1 w-full text-left text-xs">
      <thead className="text-slate-700 uppercase dark:text-slate-300">
        <tr>
          <th scope="col" className="pr-3">Role</th>
          <th scope="col" className="pr-3 text-right">Ready now</th>
          <th scope="col" className="pr-3 text-right">During</th>
          <th scope="col" className="text-right">Floor</th>
        </tr>
      </thead>
      <tbody>
        {roles.map((r) => (
          <tr key={r.role} className={r.ok ? "" : "font-semibold text-red-800 dark:text-red-200"}>
            <th scope="row" className="pr-3 font-normal">{r.role}</th>
            <td className="pr-3 text-right tabular-nums">{r.readyNow} of {r.size}</td>
            <td className="pr-3 text-right tabular-nums">{r.readyDuring}</td>
            <td className="text-right tabular-nums">{r.floor}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The steps the proxy will run, in its order, each with the ready count of every role it touches
 * before and during it and the floor, on the statuses the dialog shows (shared planJob/guardStep).
 */
export function PlanSteps({ guards, verb }: { guards: readonly StepGuard[]; verb: string }) {
  return (
    <section aria-label="Steps" className="space-y-2">
      <h3 className="font-semibold">Steps ({guards.length})</h3>
      <ol className="space-y-2">
        {guards.map((g) => (
          <li key={g.step.index} aria-label={`Step ${g.step.index + 1}`} className={`rounded-md border p-2 ${g.ok ? "border-slate-200 dark:border-slate-700" : "border-amber-400 bg-amber-50 dark:border-amber-700 dark:bg-amber-950"}`}>
            <p>
              <strong>Step {g.step.index + 1}</strong>
              {g.step.upgradeDomain !== undefined ? ` · upgrade domain ${g.step.upgradeDomain}` : null}: <span className="font-mono">{g.step.instances.join(", ")}</span>
            </p>
            <FloorTable roles={g.roles} />
            {g.ok ? null : <p className="mt-1 font-semibold text-amber-950 dark:text-amber-100">{stepWaitWarning(g, verb)}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
