import { act, render } from "@testing-library/react";
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from "@tanstack/react-router";
import type { ReactNode } from "react";

/** Renders `ui` inside a router, for components with links; resolves once it is on screen. */
export async function renderInRouter(ui: ReactNode) {
  const root = createRootRoute({ component: () => <>{ui}</> });
  const router = createRouter({ routeTree: root, history: createMemoryHistory({ initialEntries: ["/"] }) });
  await act(() => router.load());
  return render(<RouterProvider router={router} />);
}
