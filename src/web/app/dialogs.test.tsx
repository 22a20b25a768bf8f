import { cleanup, render, screen, waitFor } from "@testing-library/react";
import type { ComponentProps } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The action dialogs load on demand (app/dialogs.tsx). Each test loads dialogs.tsx afresh, with the
// dialogs' chunk either there or failing to load (as it would on a dropped connection).

type Dialogs = typeof import("./dialogs.tsx") & Pick<typeof import("../components/ui/toast.tsx"), "ToastProvider">;
type ConfirmProps = ComponentProps<Dialogs["ConfirmDialog"]>;

async function load(chunk: () => object): Promise<Dialogs> {
  vi.resetModules();
  vi.doMock("./dialog-chunk.ts", chunk);
  // The toasts of the same (fresh) module graph as the dialogs.
  return { ...(await import("./dialogs.tsx")), ToastProvider: (await import("../components/ui/toast.tsx")).ToastProvider };
}

const props = (onCancel: () => void) => ({ onCancel, onConfirm: vi.fn(), request: {}, snapshot: {} }) as unknown as ConfirmProps;

beforeEach(() => vi.doUnmock("./dialog-chunk.ts"));
afterEach(cleanup);

describe("dialogs loaded on demand", () => {
  it("show the dialog once its chunk has loaded, with the props given", async () => {
    const { ConfirmDialog, ToastProvider } = await load(() => ({ ConfirmDialog: ({ onCancel }: ConfirmProps) => <button onClick={onCancel}>Loaded dialog</button> }));
    const onCancel = vi.fn();
    render(<ToastProvider><ConfirmDialog {...props(onCancel)} /></ToastProvider>);
    (await screen.findByRole("button", { name: "Loaded dialog" })).click();
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it("a chunk that cannot load cancels the dialog and says that nothing was sent", async () => {
    const { ConfirmDialog, ToastProvider } = await load(() => {
      throw new TypeError("Failed to fetch dynamically imported module");
    });
    const onCancel = vi.fn();
    render(<ToastProvider><ConfirmDialog {...props(onCancel)} /></ToastProvider>);
    await waitFor(() => expect(onCancel).toHaveBeenCalledOnce());
    expect(screen.getByText("The confirmation could not be opened")).toBeTruthy();
    expect(screen.getByText(/Nothing was sent/)).toBeTruthy();
  });

  it("preloading on intent loads the chunk once; a dialog opened later shows at once", async () => {
    const chunk = vi.fn(() => ({ ConfirmDialog: () => <p>Loaded dialog</p> }));
    const { ConfirmDialog, ToastProvider, preloadDialogsOnIntent } = await load(chunk);
    preloadDialogsOnIntent();
    preloadDialogsOnIntent();
    await waitFor(() => expect(chunk).toHaveBeenCalledOnce());
    render(<ToastProvider><ConfirmDialog {...props(vi.fn())} /></ToastProvider>);
    expect(await screen.findByText("Loaded dialog")).toBeTruthy();
  });
});
