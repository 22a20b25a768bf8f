import type { roleCounts } from "../view.ts";

/** "WebRole 3 of 4 ready" per role; choosing one filters the table to it (again to clear). */
export function RoleSummary({ counts, activeRole, onToggle }: { counts: ReturnType<typeof roleCounts>; activeRole: string | undefined; onToggle: (role: string) => void }) {
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Readiness by role">
      {counts.map((c) => {
        const healthy = c.ready === c.total;
        return (
          <li key={c.role}>
            <button
              type="button"
              aria-pressed={activeRole === c.role}
              onClick={() => onToggle(c.role)}
              className={`rounded-md border px-3 py-1.5 text-sm ${
                activeRole === c.role ? "border-blue-600 ring-2 ring-blue-600" : "border-slate-300 dark:border-slate-600"
              } ${healthy ? "bg-white dark:bg-slate-900" : "bg-red-50 dark:bg-red-950"}`}
            >
              <span className="font-semibold">{c.role}</span>{" "}
              <span className={healthy ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300"}>
                {c.ready} of {c.total} ready
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
