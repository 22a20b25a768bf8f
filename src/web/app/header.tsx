import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { AppConfig } from "../../shared/api.ts";
import { isProductionTarget } from "../../shared/targets.ts";
import { ProductionTag } from "../components/ui/badge.tsx";
import { Button } from "../components/ui/button.tsx";
import { meQueryOptions } from "../features/config/queries.ts";
import { currentAuth } from "../lib/auth.ts";
import { href } from "../lib/paths.ts";
import { Link, useNavigate, useOpenPage } from "../lib/router.tsx";
import { targetFromParams } from "../lib/targets.ts";
import { applyTheme, readTheme, type ThemeChoice } from "../lib/theme.ts";
import { Freshness, type FreshnessState } from "./freshness.tsx";
import { useLive } from "./live.tsx";

function EnvironmentMarker({ config, sub }: { config: AppConfig; sub: string | undefined }) {
  return (
    <div className="flex items-center gap-2">
      <span
        className={`rounded px-2 py-0.5 text-xs font-bold tracking-wider ${
          config.mode === "azure" ? "bg-indigo-700 text-white" : "bg-amber-300 text-amber-950"
        }`}
        title={config.mode === "azure" ? "Connected to Microsoft Azure" : "Connected to the built-in emulator, not Azure"}
      >
        {config.mode === "azure" ? "AZURE" : "EMULATOR"}
      </span>
      <SubscriptionPicker config={config} sub={sub} className="max-sm:hidden" />
    </div>
  );
}

/** The subscription: a choice when there are several. On the bar from `sm` up, in the menu on phones. */
function SubscriptionPicker({ config, sub, className }: { config: AppConfig; sub: string | undefined; className: string }) {
  const navigate = useNavigate();
  const id = useId();
  const current = config.subscriptions.find((s) => s.id === sub);
  if (config.subscriptions.length <= 1) {
    // A page of a subscription names its own, by id when the config does not list it: the config is
    // read once, and when Azure did not answer then, the proxy could name none.
    const shown = sub ? (current?.name ?? sub) : (config.subscriptions[0]?.name ?? "no subscription");
    return <span className={`text-sm font-medium ${className}`} aria-label="Subscription">{shown}</span>;
  }
  return (
    <span className={className}>
      <label htmlFor={id} className="sr-only">Subscription</label>
      <select
        id={id}
        className="rounded border border-slate-600 bg-slate-800 px-2 py-0.5 text-sm text-white"
        value={sub ?? ""}
        onChange={(e) => navigate(href("start", { sub: e.target.value }))}
      >
        {!current ? <option value="">Choose a subscription</option> : null}
        {config.subscriptions.map((s) => (
          <option key={s.id} value={s.id}>{s.name}</option>
        ))}
      </select>
    </span>
  );
}

function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(readTheme);
  const id = useId();
  return (
    <div className="flex items-center gap-1">
      <label htmlFor={id} className="text-xs text-slate-300">Theme</label>
      <select
        id={id}
        className="rounded border border-slate-600 bg-slate-800 px-1 py-0.5 text-sm text-white"
        value={choice}
        onChange={(e) => {
          const next = e.target.value as ThemeChoice;
          setChoice(next);
          applyTheme(next);
        }}
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </div>
  );
}

function User() {
  const me = useQuery(meQueryOptions());
  const auth = currentAuth();
  if (!me.data) return null;
  // The proxy's /api/me is the authority on roles (it knows the configured app role names).
  const role = me.data.roles.includes("operator") ? "Operator" : "Reader";
  return (
    <span className="flex items-center gap-2 text-sm">
      <span aria-label="Signed in as">
        {me.data.name} <span className="text-slate-300">({role})</span>
      </span>
      {auth.mode === "msal" ? (
        <Button size="sm" variant="secondary" onClick={() => void auth.signOut()}>Sign out</Button>
      ) : null}
    </span>
  );
}

export function Header({ config, freshness }: { config: AppConfig; freshness: FreshnessState | null }) {
  const { params } = useOpenPage();
  const live = useLive();
  const target = targetFromParams(params);
  const production = !!target && isProductionTarget(target);
  // Phones: one line (name, where, how fresh) and a menu for the rest, so the page starts near the
  // top; from `sm` up everything is on the bar.
  const [menu, setMenu] = useState(false);
  const menuId = useId();
  return (
    <header className="bg-slate-900 text-white dark:bg-black">
      <div className="mx-auto flex max-w-[110rem] flex-wrap items-center gap-x-3 gap-y-2 px-3 py-1.5 sm:gap-x-5 sm:px-4 sm:py-2">
        <Link to={href("home", {})} className="text-lg font-bold tracking-tight">Rolecall</Link>
        <EnvironmentMarker config={config} sub={params.sub} />
        {/* On phones the page's own title carries the production tag, just below. */}
        {production ? <span className="hidden sm:inline-flex"><ProductionTag /></span> : null}
        <div className="ml-auto flex items-center gap-2">
          {freshness ? (
            <span className="rounded bg-white px-2 py-0.5 text-slate-900 dark:bg-slate-900 dark:text-slate-100">
              <Freshness state={freshness} />
            </span>
          ) : null}
          <Button size="sm" variant="secondary" className="sm:hidden" aria-expanded={menu} aria-controls={menuId} onClick={() => setMenu(!menu)}>
            Menu
          </Button>
        </div>
        <div id={menuId} className={`${menu ? "flex" : "hidden"} w-full flex-wrap items-center gap-x-4 gap-y-2 sm:flex sm:w-auto`}>
          <SubscriptionPicker config={config} sub={params.sub} className="sm:hidden" />
          <Button size="sm" variant="secondary" aria-pressed={live.paused} onClick={() => live.setPaused(!live.paused)}>
            {live.paused ? "Resume live updates" : "Pause live updates"}
          </Button>
          <User />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
