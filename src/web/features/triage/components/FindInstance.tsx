import { useId, useState } from "react";
import { TRIAGE_QUERY_MAX } from "../../../../shared/triage-limits.ts";
import { Button } from "../../../components/ui/button.tsx";
import { href } from "../../../lib/paths.ts";
import { Link, useNavigate } from "../../../lib/router.tsx";
import { link } from "./parts.tsx";

const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800";

/**
 * The way in from the start page: a search for an instance by name or IP, whatever service it is
 * in (ready or not), and the list of every instance that is not ready.
 */
export function FindInstance({ sub }: { sub: string }) {
  const id = useId();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      role="search"
      aria-label="Find an instance"
      onSubmit={(e) => {
        e.preventDefault();
        // A search looks at every instance, ready or not; an empty one opens the sick ones.
        const text = q.trim();
        navigate(href("triage", { sub }, text ? { q: text, all: "1" } : {}));
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-q`} className="text-xs font-medium">Find an instance by name or IP</label>
        <input id={`${id}-q`} type="search" className={`${field} w-56`} placeholder="ApiWorker_IN_2, 10.0.0.4…" autoComplete="off" spellCheck={false} maxLength={TRIAGE_QUERY_MAX} value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <Button type="submit">Find</Button>
      <Link to={href("triage", { sub })} className={`${link} py-1.5 text-sm`}>Not ready across all services</Link>
    </form>
  );
}
