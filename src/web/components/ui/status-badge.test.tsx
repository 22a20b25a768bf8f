import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "@testing-library/react";
import { StatusBadge } from "./status-badge.tsx";

afterEach(cleanup);

describe("StatusBadge", () => {
  it("shows the catalog label, keeps the raw value and explains the meaning", () => {
    render(<StatusBadge status="FailedStartingRole" tone="failed" focusable />);
    const badge = screen.getByText("Failed to start");
    expect(badge.getAttribute("data-status")).toBe("FailedStartingRole");
    expect(badge.getAttribute("data-tone")).toBe("failed");
    expect(badge.getAttribute("tabindex")).toBe("0");
    const tip = document.getElementById(badge.getAttribute("aria-describedby") ?? "");
    expect(tip?.textContent).toBe("The role repeatedly fails to start.");
  });

  it("renders an unknown value raw instead of crashing", () => {
    render(<StatusBadge status="BrandNewState2031" tone="unknown" />);
    const badge = screen.getByText("Unknown (BrandNewState2031)");
    expect(badge.getAttribute("data-tone")).toBe("unknown");
    expect(document.getElementById(badge.getAttribute("aria-describedby") ?? "")?.textContent).toContain("BrandNewState2031");
  });

  it("marks transitional states as moving with an animated icon", () => {
    render(<StatusBadge status="StoppingRole" tone="transitional" />);
    const badge = screen.getByText("Stopping role");
    expect(badge.querySelector("svg")?.getAttribute("class")).toContain("animate-spin");
  });

  it("can name its meaning with a given id, so a row's button describes itself without a badge tab stop", () => {
    render(<StatusBadge status="StoppedVM" tone="stopped" tipId="row-tip" />);
    const badge = screen.getByText("Stopped");
    expect(badge.getAttribute("tabindex")).toBeNull();
    expect(badge.getAttribute("aria-describedby")).toBe("row-tip");
    expect(document.getElementById("row-tip")?.getAttribute("role")).toBe("tooltip");
  });

  it("colours by the tone the proxy sent, with the catalog's label", () => {
    render(<StatusBadge status="Vendor/BrandNew2031" tone="ok" />);
    const badge = screen.getByText("Unknown (Vendor/BrandNew2031)");
    expect(badge.getAttribute("data-tone")).toBe("ok");
  });

  it("a status Azure reports at level Error says so: a red Busy is \"Busy (error)\", never the same word as a blue Busy", () => {
    render(<StatusBadge status="RoleState/RoleStateBusy" tone="failed" tipId="err" />);
    render(<StatusBadge status="RoleState/RoleStateBusy" tone="transitional" tipId="moving" />);
    expect(screen.getByText("Busy (error)").getAttribute("data-tone")).toBe("failed");
    expect(document.getElementById("err")?.textContent).toMatch(/^Azure reports this status as an error: Running but not responding/);
    expect(screen.getByText("Busy").getAttribute("data-tone")).toBe("transitional");
  });
});
