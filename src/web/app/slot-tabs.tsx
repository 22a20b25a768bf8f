import { useQuery } from "@tanstack/react-query";
import { slots, type Slot } from "../../shared/names.ts";
import { serviceListQueryOptions } from "../features/services/queries.ts";
import { href } from "../lib/paths.ts";
import { Link } from "../lib/router.tsx";
import { slotWord } from "../lib/targets.ts";

/** Production and staging of a classic service; a slot with no deployment stays reachable, struck through. */
export function SlotTabs({ sub, service, slot }: { sub: string; service: string; slot: Slot }) {
  const services = useQuery(serviceListQueryOptions(sub, "classic"));
  const row = services.data?.rows.find((r) => r.name === service);
  return (
    <nav aria-label="Slots" className="flex gap-1">
      {slots.map((s) => {
        const exists = !row || !!row.slots[s];
        return (
          <Link
            key={s}
            to={href("deployment", { sub, service, slot: s })}
            aria-current={s === slot ? "page" : undefined}
            className={`rounded-t-md border-b-2 px-3 py-1 text-sm font-medium ${s === slot ? (s === "production" ? "border-red-600" : "border-blue-600") : "border-transparent hover:border-slate-400"} ${exists ? "" : "text-slate-600 line-through dark:text-slate-400"}`}
          >
            {slotWord(s)}
            {exists ? "" : " (none)"}
          </Link>
        );
      })}
    </nav>
  );
}
