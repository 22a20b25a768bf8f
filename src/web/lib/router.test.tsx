import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { auditSearchSchema } from "../app/search.ts";
import { href } from "./paths.ts";
import { Link, Redirect, Route, setPreloaders, Switch, useOpenPage, useSearchState } from "./router.tsx";

afterEach(cleanup);

const sub = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";

function at(path: string) {
  const location = memoryLocation({ path, record: true });
  return { location, wrap: (ui: React.ReactNode) => render(<Router hook={location.hook} searchHook={location.searchHook}>{ui}</Router>) };
}

function AuditFilters() {
  const [search, setSearch] = useSearchState(auditSearchSchema);
  return (
    <>
      <output>{JSON.stringify(search)}</output>
      <button
        type="button"
        onClick={() => {
          // Two changes in one event: both land, as a person changing one filter resets the page.
          setSearch({ actor: "Ada Lovelace" });
          setSearch((prev) => ({ before: prev.actor ? undefined : "9" }));
        }}
      >
        Filter
      </button>
      <button type="button" onClick={() => setSearch({ before: "120" }, { push: true })}>Older entries</button>
    </>
  );
}

describe("addresses", () => {
  it("are built from a page's name, its params (encoded) and a flat, readable search", () => {
    expect(href("home", {})).toBe("/");
    expect(href("deployment", { sub, service: "contoso-web", slot: "staging" }, { instance: "WebFrontend_IN_0", q: "" })).toBe(`/s/${sub}/services/contoso-web/staging?instance=WebFrontend_IN_0`);
    expect(href("cloudService", { sub, rg: "rg a/b", name: "shop" })).toBe(`/s/${sub}/resourceGroups/rg%20a%2Fb/cloudServices/shop`);
    expect(href("audit", { sub }, { target: "services/contoso-web/deployments/production", actor: "Ada L" })).toBe(`/s/${sub}/audit?target=services/contoso-web/deployments/production&actor=Ada+L`);
  });
});

describe("the open page's search", () => {
  it("drops a bad value, and merges changes into the URL: filters replace the entry, paging adds one", () => {
    const { location, wrap } = at(`/s/${sub}/audit?outcome=meh&limit=25`);
    wrap(<AuditFilters />);
    const shown = () => JSON.parse(screen.getByRole("status").textContent) as unknown;
    expect(shown()).toEqual({ limit: "25" });

    fireEvent.click(screen.getByRole("button", { name: "Filter" }));
    expect(location.history).toEqual([`/s/${sub}/audit?limit=25&actor=Ada+Lovelace`]);
    expect(shown()).toEqual({ limit: "25", actor: "Ada Lovelace" });

    fireEvent.click(screen.getByRole("button", { name: "Older entries" }));
    expect(location.history).toEqual([`/s/${sub}/audit?limit=25&actor=Ada+Lovelace`, `/s/${sub}/audit?actor=Ada+Lovelace&limit=25&before=120`]);
  });
});

function Where() {
  const { route, params } = useOpenPage();
  return <output>{`${route ?? "none"} ${JSON.stringify({ sub: params.sub, slot: params.slot })}`}</output>;
}

describe("links and redirects", () => {
  it("a link opens its page in place, and the pointer reaching it starts loading that page's code", () => {
    const preloadAudit = vi.fn();
    setPreloaders({ audit: preloadAudit });
    const { location, wrap } = at(`/s/${sub}/services/contoso-web/production`);
    wrap(
      <>
        <Where />
        <Link to={href("audit", { sub })}>Audit log</Link>
      </>,
    );
    expect(screen.getByRole("status").textContent).toBe(`deployment {"sub":"${sub}","slot":"production"}`);
    const link = screen.getByRole("link", { name: "Audit log" });
    expect(link.getAttribute("href")).toBe(`/s/${sub}/audit`);
    fireEvent.pointerEnter(link);
    expect(preloadAudit).toHaveBeenCalledOnce();
    fireEvent.click(link);
    expect(location.history.at(-1)).toBe(`/s/${sub}/audit`);
    expect(screen.getByRole("status").textContent).toBe(`audit {"sub":"${sub}"}`);
  });

  it("a redirect replaces the address it was opened at, so Back does not return to it", () => {
    const { location, wrap } = at("/");
    act(() => {
      wrap(
        <Switch>
          <Route path="/"><Redirect to={href("start", { sub })} /></Route>
          <Route><Where /></Route>
        </Switch>,
      );
    });
    expect(location.history).toEqual([`/s/${sub}`]);
    expect(screen.getByRole("status").textContent).toBe(`start {"sub":"${sub}"}`);
  });
});
