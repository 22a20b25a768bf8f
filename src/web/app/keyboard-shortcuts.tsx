import { useEffect, useState } from "react";
import { Button } from "../components/ui/button.tsx";
import { moveRowFocus } from "../features/deployment/row-focus.ts";
import { lazyPart } from "./lazy-part.tsx";

// The target page's shortcuts. Ignored while typing in a field, with Ctrl/Alt/Meta held, inside a
// menu, and while any dialog is open: a letter typed there is text, not a command.

function typing(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || !!t.closest('[role="menu"]');
}

// The list itself (a dialog) loads when it is first asked for.
const ShortcutsHelp = lazyPart(() => import("./shortcuts-help.tsx").then((m) => m.ShortcutsHelp), "list of shortcuts");

/** Installs the shortcuts on the page and shows their list on `?` (or from its button). */
export function KeyboardShortcuts() {
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || document.querySelector("dialog[open]")) return;
      if (e.key === "/") document.querySelector<HTMLInputElement>('main [role="search"] input[type="search"]')?.focus();
      else if (e.key === "j" || e.key === "k") moveRowFocus(document, e.key === "j" ? 1 : -1);
      else if (e.key === "?") setHelp(true);
      else return;
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <Button size="sm" variant="ghost" aria-keyshortcuts="?" onClick={() => setHelp(true)}>Keyboard shortcuts</Button>
      {help ? <ShortcutsHelp onClose={() => setHelp(false)} /> : null}
    </>
  );
}
