import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Instance } from "../../../../shared/api.ts";
import { statusTone } from "../../../../shared/status-catalog.ts";
import type { Action, Slot } from "../../../../shared/names.ts";
import { targetHeading } from "../../../lib/targets.ts";
import { ConfirmDialog, type StatusSnapshot } from "./ConfirmDialog.tsx";

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

const inst = (name: string, role: string, status: string, ud: number): Instance => ({
  name, role, status, tone: statusTone(status), powerState: "Started", upgradeDomain: ud, faultDomain: 0, size: "Small", ipAddress: "10.0.0.1",
});
const instances = [inst("Web_IN_0", "Web", "ReadyRole", 0), inst("Web_IN_1", "Web", "ReadyRole", 1), inst("Job_IN_0", "Job", "ReadyRole", 0), inst("Api_IN_0", "Api", "StoppedVM", 0)];

const target = (slot: Slot) => targetHeading({ kind: "classic", subscription: "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f", service: "contoso", slot });

interface Overrides {
  action?: Action;
  targetNames?: string[];
  slot?: Slot;
  asOf?: number;
  blockedReason?: string | null;
  changes?: StatusSnapshot["changes"];
}

function open({ action = "reimage", targetNames = ["Web_IN_0"], slot = "staging", ...snapshot }: Overrides = {}) {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  render(<ConfirmDialog request={{ action, target: target(slot), instances: targetNames }} snapshot={{ instances, ...snapshot }} onCancel={onCancel} onConfirm={onConfirm} />);
  return { onConfirm, onCancel };
}

describe("ConfirmDialog", () => {
  it("names the action and its consequence, the target, the slot and the availability impact", () => {
    open();
    expect(screen.getByRole("heading", { name: "Reimage — fresh OS, local data may be lost" })).toBeTruthy();
    expect(screen.getByRole("rowheader", { name: "Web_IN_0" })).toBeTruthy();
    expect(screen.getByText("Staging")).toBeTruthy();
    expect(screen.getByText(/Ready instances of role/).textContent).toBe("Ready instances of role Web: 2 of 2 now → 1 during the reimage.");
    // Api_IN_0 shares upgrade domain 0 and is not ready.
    expect(screen.getByText("Api_IN_0")).toBeTruthy();
  });

  it("gives Cancel the initial focus and sends nothing on Cancel or Esc", () => {
    const { onConfirm, onCancel } = open();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    const dialog = document.querySelector("dialog");
    dialog?.dispatchEvent(new Event("cancel", { cancelable: true }));
    expect(onCancel).toHaveBeenCalledTimes(2);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("confirms with one click in staging when no role loses its last ready instance", () => {
    const { onConfirm } = open();
    expect(screen.queryByRole("textbox", { name: /to confirm$/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Reimage Web_IN_0" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onConfirm).toHaveBeenCalledWith({ reason: undefined });
  });

  it("takes an optional reason that Enter never confirms, sends it trimmed, and offers it again in this tab", () => {
    const first = open();
    const reason = screen.getByRole("textbox", { name: "Reason or ticket (optional)" });
    expect((reason as HTMLInputElement).value).toBe("");
    // Focus stays on Cancel: a reason is optional, and typing one is a choice.
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    fireEvent.change(reason, { target: { value: "  INC-4711\tAPI latency " } });
    // Enter in the reason is only the end of a ticket number: its default (submitting the form) is stopped.
    expect(fireEvent.keyDown(reason, { key: "Enter" })).toBe(false);
    expect(first.onConfirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Reimage Web_IN_0" }));
    expect(first.onConfirm).toHaveBeenCalledWith({ reason: "INC-4711 API latency" });
    cleanup();

    // The next confirmation, even in production, starts with it; the word's field still has the focus.
    const second = open({ slot: "production" });
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Reason or ticket (optional)" }).value).toBe("  INC-4711\tAPI latency ");
    const word = screen.getByRole("textbox", { name: "Type Web_IN_0 to confirm" });
    expect(document.activeElement).toBe(word);
    fireEvent.change(word, { target: { value: "Web_IN_0" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Reason or ticket (optional)" }), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Reimage Web_IN_0" }));
    expect(second.onConfirm).toHaveBeenCalledWith({ reason: undefined });
    cleanup();
    // Cleared, it is forgotten.
    open();
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Reason or ticket (optional)" }).value).toBe("");
  });

  it("disables Confirm at once: a double click confirms once", () => {
    const { onConfirm } = open();
    const confirm = screen.getByRole("button", { name: "Reimage Web_IN_0" });
    fireEvent.click(confirm);
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Sending…" }).disabled).toBe(true);
  });

  it("requires the typed word in production", () => {
    const { onConfirm } = open({ slot: "production" });
    const confirm = screen.getByRole<HTMLButtonElement>("button", { name: "Reimage Web_IN_0" });
    expect(screen.getByText("This is the production slot.")).toBeTruthy();
    expect(confirm.disabled).toBe(true);
    fireEvent.click(confirm);
    const input = screen.getByRole("textbox", { name: "Type Web_IN_0 to confirm" });
    fireEvent.change(input, { target: { value: "Web_IN_1" } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(input, { target: { value: "Web_IN_0" } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it("warns of an outage and requires the word when a role would have no ready instance", () => {
    open({ targetNames: ["Job_IN_0"] });
    expect(screen.getByText("Outage warning: Job will have no ready instance until this finishes.")).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Reimage Job_IN_0" }).disabled).toBe(true);
    expect(screen.getByRole("textbox", { name: "Type Job_IN_0 to confirm" })).toBeTruthy();
  });

  it("labels rebuild and reboot by their effect", () => {
    open({ action: "rebuild" });
    expect(screen.getByRole("heading", { name: "Rebuild — fresh OS, local data erased" })).toBeTruthy();
    cleanup();
    open({ action: "reboot" });
    expect(screen.getByRole("heading", { name: "Reboot — restart, local data kept" })).toBeTruthy();
  });

  it("keeps Confirm off, saying why, until the fresh status check lands", () => {
    const { onConfirm } = open({ blockedReason: "Checking current status…" });
    const confirm = screen.getByRole<HTMLButtonElement>("button", { name: "Reimage Web_IN_0" });
    expect(confirm.disabled).toBe(true);
    expect(screen.getByText("Checking current status…")).toBeTruthy();
    fireEvent.click(confirm);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("says when the statuses were read and which ones changed since it opened", () => {
    const at = Date.now() - 5_000;
    open({ asOf: at, changes: [{ name: "Web_IN_1", role: "Web", before: "ReadyRole", after: "BusyRole" }] });
    expect(screen.getByText(/^Statuses as of/).textContent).toMatch(/\(5 s ago\)$/);
    expect(screen.getByText("Statuses changed since you opened this")).toBeTruthy();
    expect(screen.getByText("Web_IN_1").parentElement?.textContent).toBe("Web_IN_1: Ready → Busy");
  });

  it("turns Cancel into Close once the request is sent", () => {
    const { onCancel } = open();
    fireEvent.click(screen.getByRole("button", { name: "Reimage Web_IN_0" }));
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("names an extended cloud service by name, resource group and slot type; its Production slot adds no typed word", () => {
    const extended = targetHeading({ kind: "extended", subscription: "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f", resourceGroup: "rg-shop-prod", name: "contoso-shop" }, { slotType: "Production" });
    render(<ConfirmDialog request={{ action: "reimage", target: extended, instances: ["Web_IN_0"] }} snapshot={{ instances }} onCancel={vi.fn()} onConfirm={vi.fn()} />);
    expect(screen.getByText(/^Cloud service/).textContent).toBe("Cloud service contoso-shop in resource group rg-shop-prod, slot");
    expect(screen.getByText("Production")).toBeTruthy();
    expect(screen.queryByRole("textbox", { name: /to confirm$/ })).toBeNull();
    expect(screen.getByText(/Ready instances of role/).textContent).toBe("Ready instances of role Web: 2 of 2 now → 1 during the reimage.");
  });

  it("starts in the word's field when a word is asked; Enter with a wrong word sends nothing", () => {
    const { onConfirm } = open({ slot: "production" });
    const input = screen.getByRole("textbox", { name: "Type Web_IN_0 to confirm" });
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: "Web_IN_1" } });
    const form = input.closest("form");
    if (!form) throw new Error("no form");
    fireEvent.submit(form);
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: "Web_IN_0" } });
    fireEvent.submit(form);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it("always asks the word for a rebuild, even in staging, and says what it erases", () => {
    open({ action: "rebuild" });
    expect(screen.getByText("Erases local data")).toBeTruthy();
    expect(screen.getByText("Rebuild erases all local data on Web_IN_0; it cannot be undone.")).toBeTruthy();
    expect(screen.getByRole("region", { name: "What is kept and what is lost" }).textContent).toContain("ErasedEverything local");
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Type Web_IN_0 to confirm" }));
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Rebuild Web_IN_0" }).disabled).toBe(true);
  });

  it("keeps a reboot light: its own tag, what is kept, one click, Cancel focused", () => {
    const { onConfirm } = open({ action: "reboot" });
    expect(screen.getByText("Keeps local data")).toBeTruthy();
    expect(screen.getByRole("region", { name: "What is kept and what is lost" }).textContent).toContain("KeptThe guest OS disk");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    fireEvent.click(screen.getByRole("button", { name: "Reboot Web_IN_0" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});
