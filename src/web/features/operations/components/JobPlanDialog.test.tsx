import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Instance } from "../../../../shared/api.ts";
import type { Slot } from "../../../../shared/names.ts";
import { statusTone } from "../../../../shared/status-catalog.ts";
import { targetHeading } from "../../../lib/targets.ts";
import { rememberReason } from "../reason.ts";
import { JobPlanDialog } from "./JobPlanDialog.tsx";

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

const inst = (name: string, role: string, status: string, ud: number): Instance => ({
  name, role, status, tone: statusTone(status), powerState: "Started", upgradeDomain: ud, faultDomain: 0, size: "Small", ipAddress: "10.0.0.1",
});
// Web: 4 instances over 3 upgrade domains, one not ready (Web_IN_2).
const instances = [
  inst("Web_IN_0", "Web", "ReadyRole", 0), inst("Web_IN_1", "Web", "ReadyRole", 1), inst("Web_IN_2", "Web", "StoppedVM", 2), inst("Web_IN_3", "Web", "ReadyRole", 0),
  inst("Solo_IN_0", "Solo", "ReadyRole", 0),
];
const target = (slot: Slot) => targetHeading({ kind: "classic", subscription: "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f", service: "contoso", slot });

function open(names: string[], { slot = "staging", blockedReason = null }: { slot?: Slot; blockedReason?: string | null } = {}) {
  const onConfirm = vi.fn();
  render(<JobPlanDialog request={{ action: "reboot", target: target(slot), instances: names }} snapshot={{ instances, blockedReason }} onCancel={vi.fn()} onConfirm={onConfirm} />);
  return { onConfirm, start: screen.getByRole("button", { name: /Start reboot job/ }) };
}
const step = (n: number) => screen.getByRole("listitem", { name: `Step ${n}` });

describe("JobPlanDialog", () => {
  it("shows the steps by upgrade domain with each role's ready counts and floor; Cancel has the focus", () => {
    open(["Web_IN_0", "Web_IN_1", "Web_IN_3"]);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    expect(step(1).textContent).toContain("upgrade domain 0: Web_IN_0, Web_IN_3");
    expect(step(2).textContent).toContain("upgrade domain 1: Web_IN_1");
    // Web: 3 of 4 ready now; step 1 takes two ready ones out → 1 during, floor ceil(50% × 4) = 2.
    const row = within(step(1)).getByRole("row", { name: /Web/ });
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["3 of 4", "1", "2"]);
    expect(step(1).textContent).toContain("Step 1 would wait: Web would have 1 ready, below its floor of 2 of 4.");
    expect(step(2).textContent).not.toContain("would wait");
    expect(screen.getByText("1 of 2 steps would wait for readiness at a floor of 50%: see below.")).toBeTruthy();
  });

  it("says what each instance keeps and loses, under a header tagged and coloured by the action, as a single action's dialog does", () => {
    open(["Web_IN_0", "Web_IN_1"]);
    const dialog = screen.getByRole("dialog", { name: "Reboot 2 instances — rolling job" });
    expect(dialog.getAttribute("aria-describedby")).toBeTruthy();
    expect(within(dialog).getByText("Keeps local data")).toBeTruthy();
    expect(within(dialog).getByRole("region", { name: "What is kept and what is lost" }).textContent).toContain("KeptThe guest OS disk");
  });

  it("re-plans one instance at a time, not-ready first, and with the floor typed", () => {
    open(["Web_IN_2", "Web_IN_0", "Web_IN_1"]);
    fireEvent.click(screen.getByRole("radio", { name: "One instance at a time" }));
    expect(screen.getAllByRole("listitem").map((li) => li.querySelector("span.font-mono")?.textContent)).toEqual(["Web_IN_2", "Web_IN_0", "Web_IN_1"]);
    expect(screen.queryByText(/would wait/)).toBeNull();
    fireEvent.change(screen.getByRole("textbox", { name: "Minimum ready per role (%)" }), { target: { value: "75" } });
    // 75% of 4 = 3: taking a ready instance out of 3 ready leaves 2.
    expect(step(2).textContent).toContain("Step 2 would wait");
    fireEvent.change(screen.getByRole("textbox", { name: "Minimum ready per role (%)" }), { target: { value: "120" } });
    expect(screen.getByText("A whole number from 0 to 100.")).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: /Start reboot job/ }).disabled).toBe(true);
  });

  it("needs the target's name typed in production, then sends the choice exactly once", () => {
    const { onConfirm, start } = open(["Web_IN_0", "Web_IN_1"], { slot: "production" });
    expect((start as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByRole("textbox", { name: "Reason or ticket (optional)" }), { target: { value: "  patching " } });
    fireEvent.change(screen.getByRole("textbox", { name: "Type contoso to confirm" }), { target: { value: "contoso" } });
    expect((start as HTMLButtonElement).disabled).toBe(false);
    // How long a step may wait, and how long to watch after each: checked before Start turns on.
    fireEvent.change(screen.getByRole("textbox", { name: "Wait for readiness (min)" }), { target: { value: "0" } });
    expect(screen.getByText("A whole number from 1 to 1440.")).toBeTruthy();
    expect((start as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByRole("textbox", { name: "Wait for readiness (min)" }), { target: { value: "20" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Watch after each step (s)" }), { target: { value: "90" } });
    expect((start as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(start);
    fireEvent.click(start);
    const form = start.closest("form");
    if (form) fireEvent.submit(form);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onConfirm).toHaveBeenCalledWith({ batch: "upgradeDomain", minReadyPercent: 50, readyTimeoutSec: 1200, soakSec: 90, reason: "patching" });
  });

  it("starts with the reason this tab last gave, a single action's or a job's, and keeps Cancel focused", () => {
    rememberReason("INC-4711");
    const { onConfirm, start } = open(["Web_IN_0", "Web_IN_1"]);
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Reason or ticket (optional)" }).value).toBe("INC-4711");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    fireEvent.click(start);
    expect(onConfirm).toHaveBeenCalledWith({ batch: "upgradeDomain", minReadyPercent: 50, readyTimeoutSec: 900, soakSec: 0, reason: "INC-4711" });
  });

  it("asks for the instance's name when a step leaves a role with no ready instance, even in staging", () => {
    open(["Solo_IN_0"]);
    expect(screen.getByText("Role Solo will have no ready instance while this runs (outage).")).toBeTruthy();
    expect(screen.getByRole("textbox", { name: "Type Solo_IN_0 to confirm" })).toBeTruthy();
  });

  it("names an instance protected from actions and keeps Start off", () => {
    cleanup();
    const guarded = instances.map((i) => (i.name === "Web_IN_1" ? { ...i, protectedFromActions: true } : i));
    render(<JobPlanDialog request={{ action: "reboot", target: target("staging"), instances: ["Web_IN_0", "Web_IN_1"] }} snapshot={{ instances: guarded }} onCancel={vi.fn()} onConfirm={vi.fn()} />);
    expect(screen.getByText(/Web_IN_1: protected from actions by the scale set's protection policy; Azure would refuse it/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: /Start reboot job/ }).disabled).toBe(true);
  });

  it("keeps Start off while the statuses are being checked, and names instances the target lacks", () => {
    const { start } = open(["Web_IN_0", "Nope_IN_9"], { blockedReason: "Checking current status…" });
    expect(screen.getByText("Checking current status…")).toBeTruthy();
    expect(screen.getByText('"Nope_IN_9" is not an instance of this target.')).toBeTruthy();
    expect((start as HTMLButtonElement).disabled).toBe(true);
  });
});
