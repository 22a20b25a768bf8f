import { act, cleanup, renderHook } from "@testing-library/react";
import type { FocusEvent } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { Instance } from "../../../shared/api.ts";
import { statusTone } from "../../../shared/status-catalog.ts";
import { keepLayout, useStableItems } from "./stable-order.ts";
import { buildTable, type TableItem, type ViewFilter } from "./view.ts";

afterEach(cleanup);

const inst = (name: string, status: string): Instance => ({
  name, role: "W", status, tone: statusTone(status), powerState: "Started", upgradeDomain: 0, faultDomain: 0, size: "Small", ipAddress: "10.0.0.1",
});
const rows = (items: TableItem[]) => items.map((it) => (it.kind === "role" ? `[${it.role} ${it.ready}/${it.total}]` : `${it.instance.name}:${it.instance.status}${it.unmatched ? "*" : ""}`));

const bySt: ViewFilter = { sort: "status" };
const before = [inst("W_IN_0", "ReadyRole"), inst("W_IN_1", "StoppedVM"), inst("W_IN_2", "ReadyRole")];
// W_IN_1 recovers and W_IN_2 fails: a status sort would swap them.
const after = [inst("W_IN_0", "ReadyRole"), inst("W_IN_1", "ReadyRole"), inst("W_IN_2", "FailedStartingRole")];

describe("keepLayout", () => {
  it("keeps the order while statuses and counts update in place", () => {
    const layout = buildTable(before, ["W"], bySt);
    expect(rows(layout)).toEqual(["[W 2/3]", "W_IN_1:StoppedVM", "W_IN_0:ReadyRole", "W_IN_2:ReadyRole"]);
    expect(rows(keepLayout(layout, after, buildTable(after, ["W"], bySt), bySt))).toEqual(["[W 2/3]", "W_IN_1:ReadyRole", "W_IN_0:ReadyRole", "W_IN_2:FailedStartingRole"]);
  });

  it("keeps a row that stopped matching the filter, marked, and adds none; drops a removed instance", () => {
    const f: ViewFilter = { tone: "notready" };
    const layout = buildTable(before, ["W"], f);
    const next = after.filter((i) => i.name !== "W_IN_0");
    expect(rows(keepLayout(layout, next, buildTable(next, ["W"], f), f))).toEqual(["[W 1/2]", "W_IN_1:ReadyRole*"]);
  });
});

describe("useStableItems", () => {
  const blur = { currentTarget: document.body, relatedTarget: null } as unknown as FocusEvent<HTMLElement>;

  it("holds the order while the pointer or focus is in the table, and applies it on leaving", () => {
    const { result, rerender } = renderHook(({ list, f }) => useStableItems(list, ["W"], f), { initialProps: { list: before, f: bySt } });
    act(() => result.current.holdHandlers.onPointerEnter());
    act(() => result.current.holdHandlers.onFocus());
    rerender({ list: after, f: bySt });
    expect(rows(result.current.items)).toEqual(["[W 2/3]", "W_IN_1:ReadyRole", "W_IN_0:ReadyRole", "W_IN_2:FailedStartingRole"]);
    act(() => result.current.holdHandlers.onPointerLeave());
    expect(result.current.holding).toBe(true); // focus still inside
    act(() => result.current.holdHandlers.onBlur(blur));
    expect(rows(result.current.items)).toEqual(["[W 2/3]", "W_IN_2:FailedStartingRole", "W_IN_0:ReadyRole", "W_IN_1:ReadyRole"]);
  });

  it("applies a filter the user changes at once, even while holding", () => {
    const { result, rerender } = renderHook(({ list, f }) => useStableItems(list, ["W"], f), { initialProps: { list: before, f: bySt } });
    act(() => result.current.holdHandlers.onPointerEnter());
    rerender({ list: before, f: { sort: "-name" } });
    expect(rows(result.current.items)).toEqual(["[W 2/3]", "W_IN_2:ReadyRole", "W_IN_1:StoppedVM", "W_IN_0:ReadyRole"]);
  });
});

describe("useStableItems with rows to keep", () => {
  const notReady: ViewFilter = { tone: "notready" };
  const down = [inst("W_IN_0", "StoppingRole"), inst("W_IN_1", "StoppedVM")];
  const up = [inst("W_IN_0", "ReadyRole"), inst("W_IN_1", "ReadyRole")];
  const keep: ReadonlySet<string> = new Set(["W_IN_0"]);

  it("keeps, marked, an instance an operation acted on once the filter showed it, even with nothing holding the table", () => {
    const { result, rerender } = renderHook(({ list, f }) => useStableItems(list, ["W"], f, keep), { initialProps: { list: down, f: notReady } });
    expect(rows(result.current.items)).toEqual(["[W 0/2]", "W_IN_0:StoppingRole", "W_IN_1:StoppedVM"]);
    rerender({ list: up, f: notReady });
    expect(result.current.holding).toBe(false);
    expect(rows(result.current.items)).toEqual(["[W 2/2]", "W_IN_0:ReadyRole*"]);
  });

  it("starts again when the filter changes: a kept row the new filter never showed is not added", () => {
    const { result, rerender } = renderHook(({ list, f }) => useStableItems(list, ["W"], f, keep), { initialProps: { list: down, f: notReady } });
    rerender({ list: up, f: { tone: "failed" } });
    expect(rows(result.current.items)).toEqual(["[W 2/2]"]);
  });
});
