import { describe, expect, it } from "vitest";
import { armInstanceStatus, describeStatus } from "./status-catalog.ts";

// The one readiness rule of ARM instances (cloud services and scale sets): which status speaks, and
// its tone. Only "ok" counts as ready.

const view = (...codes: string[]) => armInstanceStatus(codes.map((code) => ({ code, level: "Info" })));

describe("armInstanceStatus", () => {
  it("scale sets: ready only when provisioning succeeded, power running and, where reported, health healthy", () => {
    expect(view("ProvisioningState/succeeded", "PowerState/running", "HealthState/healthy")).toEqual({ status: "HealthState/healthy", tone: "ok" });
    expect(view("ProvisioningState/succeeded", "PowerState/running")).toEqual({ status: "PowerState/running", tone: "ok" });
    expect(view("ProvisioningState/succeeded", "PowerState/running", "HealthState/unhealthy")).toEqual({ status: "HealthState/unhealthy", tone: "failed" });
    expect(view("ProvisioningState/succeeded", "PowerState/running", "HealthState/initializing")).toMatchObject({ tone: "transitional" });
    expect(view("ProvisioningState/updating", "PowerState/running", "HealthState/healthy")).toEqual({ status: "ProvisioningState/updating", tone: "transitional" });
    expect(view("ProvisioningState/creating")).toMatchObject({ tone: "transitional" });
    expect(view("ProvisioningState/failed", "PowerState/running")).toMatchObject({ tone: "failed" });
    for (const power of ["starting", "stopping", "deallocating"]) expect(view("ProvisioningState/succeeded", `PowerState/${power}`, "HealthState/healthy")).toEqual({ status: `PowerState/${power}`, tone: "transitional" });
    for (const power of ["stopped", "deallocated"]) expect(view("ProvisioningState/succeeded", `PowerState/${power}`, "HealthState/healthy")).toEqual({ status: `PowerState/${power}`, tone: "stopped" });
  });

  it("unknown codes are unknown, never ready; a healthy verdict without a running machine is not ready", () => {
    expect(view("ProvisioningState/succeeded", "PowerState/hibernated")).toEqual({ status: "PowerState/hibernated", tone: "unknown" });
    expect(view("ProvisioningState/succeeded", "PowerState/running", "HealthState/degraded")).toEqual({ status: "HealthState/degraded", tone: "unknown" });
    expect(view("ProvisioningState/succeeded", "HealthState/healthy")).toEqual({ status: "ProvisioningState/succeeded", tone: "unknown" });
    expect(view("HealthState/healthy")).toEqual({ status: "Unknown", tone: "unknown" });
    expect(view()).toEqual({ status: "Unknown", tone: "unknown" });
    expect(describeStatus("PowerState/hibernated")).toMatchObject({ known: false, label: "Unknown (PowerState/hibernated)" });
  });

  it("a status at level Error speaks first, as failed, with its message", () => {
    const statuses = [{ code: "ProvisioningState/succeeded" }, { code: "PowerState/running", level: "Error", message: "VM agent unresponsive." }];
    expect(armInstanceStatus(statuses)).toEqual({ status: "PowerState/running", tone: "failed", message: "VM agent unresponsive." });
  });

  it("cloud services keep their rule: the role state speaks unless provisioning is under way", () => {
    expect(view("ProvisioningState/succeeded", "PowerState/started", "RoleState/RoleStateStarted")).toEqual({ status: "RoleState/RoleStateStarted", tone: "ok" });
    expect(view("ProvisioningState/succeeded", "PowerState/stopped", "RoleState/RoleStateStopped")).toEqual({ status: "RoleState/RoleStateStopped", tone: "stopped" });
    expect(view("ProvisioningState/updating", "RoleState/RoleStateStarted")).toEqual({ status: "ProvisioningState/updating", tone: "transitional" });
    expect(view("RoleState/RoleStateStarted")).toEqual({ status: "RoleState/RoleStateStarted", tone: "ok" });
  });
});
