import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MenuButton } from "./menu.tsx";

afterEach(cleanup);

function setup(disabled = false) {
  const chosen = vi.fn();
  const items = ["Reboot", "Reimage", "Rebuild"].map((label) => ({ key: label, label: `${label}…`, onSelect: () => void chosen(label) }));
  render(<MenuButton label="All actions for W_0" items={items} disabled={disabled}>▾</MenuButton>);
  const button = screen.getByRole("button", { name: "All actions for W_0" });
  return { chosen, button };
}

const focused = () => document.activeElement?.textContent;

describe("MenuButton", () => {
  it("opens on ↓ at the first item and on ↑ at the last; arrows wrap; Esc closes and returns focus", () => {
    const { button } = setup();
    button.focus();
    fireEvent.keyDown(button, { key: "ArrowDown" });
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(focused()).toBe("Reboot…");
    const menu = screen.getByRole("menu", { name: "All actions for W_0" });
    fireEvent.keyDown(menu, { key: "ArrowUp" });
    expect(focused()).toBe("Rebuild…");
    fireEvent.keyDown(menu, { key: "ArrowDown" });
    expect(focused()).toBe("Reboot…");
    fireEvent.keyDown(menu, { key: "End" });
    expect(focused()).toBe("Rebuild…");
    fireEvent.keyDown(menu, { key: "Escape" });
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(button);
    fireEvent.keyDown(button, { key: "ArrowUp" });
    expect(focused()).toBe("Rebuild…");
  });

  it("chooses an item: the menu closes, focus returns to the button, then the item acts", () => {
    const { button, chosen } = setup();
    fireEvent.click(button);
    fireEvent.click(screen.getByRole("menuitem", { name: "Reimage…" }));
    expect(chosen).toHaveBeenCalledWith("Reimage");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("closes on a press outside; opens nothing while disabled", () => {
    const { button } = setup();
    fireEvent.click(button);
    fireEvent.pointerDown(document.body);
    expect(screen.queryByRole("menu")).toBeNull();
    cleanup();
    const off = setup(true);
    fireEvent.click(off.button);
    fireEvent.keyDown(off.button, { key: "ArrowDown" });
    expect(screen.queryByRole("menu")).toBeNull();
    expect(off.button.getAttribute("aria-disabled")).toBe("true");
  });
});
