import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";

/** Renders `ui` inside a router at "/" (an in-memory address, not the page's), for components with links. */
export async function renderInRouter(ui: ReactNode) {
  const { hook } = memoryLocation({ path: "/" });
  return Promise.resolve(render(<Router hook={hook}>{ui}</Router>));
}
