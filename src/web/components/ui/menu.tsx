import { useCallback, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { placeUnder, useDismiss, type Place } from "./popup.ts";

// A menu button (WAI-ARIA APG "menu button" pattern): Enter, Space or ↓ opens the menu on its first
// item, ↑ on its last; ↑/↓/Home/End move; Enter or Space chooses; Esc closes it and returns focus
// to the button; Tab, a click outside, a scroll or a resize close it. The menu stays inside the
// button's DOM parent (fixed, so a scrolling table does not clip it): focus and pointer remain
// "inside" whatever holds rows still while it is open.

export interface MenuItem {
  key: string;
  label: ReactNode;
  /** A second line, in smaller type. */
  hint?: string;
  /** Said in red: the choice that loses the most. */
  danger?: boolean;
  onSelect: () => void;
}

export interface MenuButtonProps {
  /** The button's accessible name. */
  label: string;
  /** What the button shows (a caret, a word). */
  children: ReactNode;
  items: readonly MenuItem[];
  /** Off: the button stays focusable (aria-disabled) but opens nothing. */
  disabled?: boolean;
  buttonProps?: { className?: string; title?: string | undefined; "aria-describedby"?: string | undefined };
}

export function MenuButton({ label, children, items, disabled = false, buttonProps }: MenuButtonProps) {
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<null | "first" | "last">(null);
  const [place, setPlace] = useState<Place>({ top: 0, right: 0 });

  const close = useCallback((refocus: boolean) => {
    setOpen(null);
    if (refocus) buttonRef.current?.focus();
  }, []);

  useLayoutEffect(() => {
    if (!open || !buttonRef.current) return;
    setPlace(placeUnder(buttonRef.current, menuRef.current));
    const menuItems = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    (open === "first" ? menuItems?.[0] : menuItems?.[menuItems.length - 1])?.focus();
  }, [open]);

  useDismiss(open !== null, [menuRef, buttonRef], () => close(false));

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (disabled || (e.key !== "ArrowDown" && e.key !== "ArrowUp")) return;
    e.preventDefault();
    e.stopPropagation();
    setOpen(e.key === "ArrowDown" ? "first" : "last");
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === "ArrowDown") go(at + 1);
    else if (e.key === "ArrowUp") go(at - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(all.length - 1);
    else if (e.key === "Escape") close(true);
    else if (e.key === "Tab") return close(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const choose = (item: MenuItem) => {
    // Focus goes back to the button first: a dialog the item opens returns focus there on closing.
    close(true);
    item.onSelect();
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? menuId : undefined}
        aria-disabled={disabled || undefined}
        className={buttonProps?.className}
        title={buttonProps?.title}
        aria-describedby={buttonProps?.["aria-describedby"]}
        onKeyDown={onButtonKey}
        onClick={() => (disabled ? undefined : open ? close(false) : setOpen("first"))}
      >
        {children}
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          style={{ position: "fixed", top: place.top, right: place.right }}
          className="z-30 min-w-56 rounded-md border border-slate-300 bg-white py-1 text-left text-sm shadow-lg dark:border-slate-600 dark:bg-slate-900"
          onKeyDown={onMenuKey}
        >
          {items.map((item) => (
            <button
              key={item.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="block w-full px-3 py-1.5 text-left whitespace-normal hover:bg-slate-100 focus:bg-slate-100 focus-visible:-outline-offset-2 dark:hover:bg-slate-800 dark:focus:bg-slate-800"
              onClick={() => choose(item)}
            >
              <span className={`block font-medium ${item.danger ? "text-red-800 dark:text-red-300" : ""}`}>{item.label}</span>
              {item.hint ? <span className="block text-xs text-slate-700 dark:text-slate-300">{item.hint}</span> : null}
            </button>
          ))}
        </div>
      ) : null}
    </>
  );
}
