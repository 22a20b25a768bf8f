import { Link } from "@tanstack/react-router";
import { useMemo } from "react";
import type { CloudService } from "../../../../shared/api.ts";
import { ProductionTag, Badge } from "../../../components/ui/badge.tsx";
import { DeploymentStatus } from "../../../components/ui/deployment-status.tsx";

function matches(s: CloudService, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [s.name, s.label, s.location].some((v) => v.toLowerCase().includes(needle));
}

function SlotCell({ sub, service, slot }: { sub: string; service: CloudService; slot: "production" | "staging" }) {
  const d = service.deployments.find((x) => x.slot === slot);
  if (!d) return <span className="text-slate-600 dark:text-slate-400">none</span>;
  const params = { sub, service: service.name, slot };
  // Older proxies send no readyCount; then the cell says nothing about readiness rather than guess.
  const notReady = d.readyCount === undefined ? 0 : d.instanceCount - d.readyCount;
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <Link
        to="/s/$sub/services/$service/$slot"
        params={params}
        className={`inline-flex flex-wrap items-center gap-2 rounded px-1 py-0.5 hover:underline ${slot === "production" ? "font-semibold" : ""}`}
        aria-label={`${service.name} ${slot}: ${d.status}, ${d.instanceCount} instances${d.readyCount === undefined ? "" : `, ${d.readyCount} ready`}`}
      >
        {slot === "production" ? <ProductionTag /> : <Badge tone="info">Staging</Badge>}
        <DeploymentStatus status={d.status} />
        <span className="text-slate-700 dark:text-slate-300">{d.instanceCount} inst.</span>
      </Link>
      {notReady > 0 ? (
        // The way from the start page to an unhealthy instance: straight to the not-ready filter.
        // Icon and words, not colour alone, carry the warning.
        <Link
          to="/s/$sub/services/$service/$slot"
          params={params}
          search={{ tone: "notready" }}
          className="inline-flex items-center gap-1 rounded px-1 py-0.5 font-semibold text-red-800 underline underline-offset-2 dark:text-red-300"
          aria-label={`${d.readyCount} of ${d.instanceCount} ready in ${service.name} ${slot}: show the ${notReady} not ready`}
        >
          <span aria-hidden="true">⚠</span>
          {d.readyCount} of {d.instanceCount} ready
        </Link>
      ) : null}
    </div>
  );
}

export function ServiceList({ sub, services, q }: { sub: string; services: CloudService[]; q: string }) {
  const shown = useMemo(() => services.filter((s) => matches(s, q)).sort((a, b) => a.name.localeCompare(b.name)), [services, q]);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Cloud services and their deployments</caption>
        <thead className="border-b border-slate-200 text-xs text-slate-700 uppercase dark:border-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-4 py-2">Cloud service</th>
            <th scope="col" className="px-4 py-2">Location</th>
            <th scope="col" className="px-4 py-2">Production slot</th>
            <th scope="col" className="px-4 py-2">Staging slot</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.name} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              <th scope="row" className="px-4 py-2 font-medium">
                <div>{s.name}</div>
                {s.label && s.label !== s.name ? <div className="text-xs font-normal text-slate-600 dark:text-slate-400">{s.label}</div> : null}
              </th>
              <td className="px-4 py-2">{s.location}</td>
              <td className="border-l-4 border-red-600 px-4 py-2">
                <SlotCell sub={sub} service={s} slot="production" />
              </td>
              <td className="px-4 py-2">
                <SlotCell sub={sub} service={s} slot="staging" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-700 dark:text-slate-300">
          {services.length === 0 ? "This subscription has no cloud services." : `No cloud service matches “${q}”.`}
        </p>
      ) : null}
    </div>
  );
}
