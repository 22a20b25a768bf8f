import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ToastProvider } from "../../../components/ui/toast.tsx";
import { ShareButtons } from "./ShareButtons.tsx";

// A stand-in for Safari's clipboard: a write counts only if it starts within the click.
class FakeClipboardItem {
  constructor(readonly items: Record<string, Promise<Blob>>) {}
}

function safariClipboard(refuse = false) {
  let inClick = false;
  const written: Promise<string>[] = [];
  const clipboard = {
    write: vi.fn((items: FakeClipboardItem[]) => {
      if (!inClick || refuse) return Promise.reject(new DOMException("not allowed", "NotAllowedError"));
      written.push(...items.map((item) => (item.items["text/plain"] as Promise<Blob>).then((b) => b.text())));
      return Promise.all(written).then(() => undefined);
    }),
    writeText: vi.fn(() => (inClick && !refuse ? Promise.resolve() : Promise.reject(new DOMException("not allowed", "NotAllowedError")))),
  };
  vi.stubGlobal("ClipboardItem", FakeClipboardItem);
  Object.defineProperty(navigator, "clipboard", { value: clipboard, configurable: true });
  const click = (name: string) => {
    inClick = true;
    fireEvent.click(screen.getByRole("button", { name }));
    inClick = false;
  };
  return { click, written };
}

function later<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("Copy summary while its code still loads", () => {
  it("starts the clipboard write within the click, so Safari copies the text that follows", async () => {
    const text = later<string>();
    const { click, written } = safariClipboard();
    render(<ToastProvider><ShareButtons summary={() => text.promise} /></ToastProvider>);
    click("Copy summary");
    text.resolve("## bigfleet / production");
    expect(await screen.findByText("Summary copied")).toBeTruthy();
    expect(await Promise.all(written)).toEqual(["## bigfleet / production"]);
  });

  it("shows the text to copy by hand when the browser refuses", async () => {
    const text = later<string>();
    const { click } = safariClipboard(true);
    render(<ToastProvider><ShareButtons summary={() => text.promise} /></ToastProvider>);
    click("Copy summary");
    text.resolve("## bigfleet / production");
    expect(await screen.findByText("The browser did not allow copying")).toBeTruthy();
    expect(screen.getByText("## bigfleet / production")).toBeTruthy();
  });

  it("says the summary could not be made when its code does not load", async () => {
    const text = later<string>();
    const { click } = safariClipboard();
    render(<ToastProvider><ShareButtons summary={() => text.promise} /></ToastProvider>);
    click("Copy summary");
    text.reject(new TypeError("Failed to fetch dynamically imported module"));
    expect(await screen.findByText("The summary could not be made")).toBeTruthy();
  });
});
