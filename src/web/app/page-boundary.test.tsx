import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { PageBoundary } from "./page-boundary.tsx";

afterEach(cleanup);

const broken = { now: true };
function Page() {
  if (broken.now) throw new Error("the page broke");
  return <p>a page</p>;
}

it("a page that fails says so in its place, and another address starts afresh", () => {
  // React reports the caught error on the console; this test expects it.
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  const location = memoryLocation({ path: "/s/a/audit" });
  render(
    <Router hook={location.hook}>
      <nav>header</nav>
      <PageBoundary>
        <Page />
      </PageBoundary>
    </Router>,
  );
  expect(screen.getByRole("alert").textContent).toContain("This page failed");
  expect(screen.getByText("header")).toBeTruthy();

  broken.now = false;
  act(() => location.navigate("/s/a/triage"));
  expect(screen.getByText("a page")).toBeTruthy();
  expect(screen.queryByRole("alert")).toBeNull();
});
