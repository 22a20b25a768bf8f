import { useId, useRef } from "react";
import { Button } from "../components/ui/button.tsx";
import { Dialog } from "../components/ui/dialog.tsx";

// The list of the target page's shortcuts (keyboard-shortcuts.tsx installs them and loads this).

const shortcuts: readonly [keys: string, does: string][] = [
  ["/", "Search the instances"],
  ["j", "Next instance"],
  ["k", "Previous instance"],
  ["Enter", "Open the instance's details (on its name)"],
  ["↑ ↓", "Previous / next instance, from anywhere in the table"],
  ["?", "This list"],
  ["Esc", "Close a dialog or a menu"],
];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog labelledBy={titleId} onCancel={onClose} initialFocus={closeRef} className="w-[min(28rem,95vw)]">
      <div className="px-5 py-4 text-sm">
        <h2 id={titleId} className="text-lg font-semibold">Keyboard shortcuts</h2>
        <dl className="mt-3 grid grid-cols-[5rem_1fr] gap-x-3 gap-y-1.5">
          {shortcuts.map(([keys, does]) => (
            <div key={keys} className="contents">
              <dt><kbd className="rounded border border-slate-400 px-1.5 font-mono dark:border-slate-500">{keys}</kbd></dt>
              <dd>{does}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-slate-700 dark:text-slate-300">Shortcuts do nothing while you type in a field.</p>
      </div>
      <footer className="flex justify-end border-t border-slate-200 px-5 py-3 dark:border-slate-800">
        <Button ref={closeRef} onClick={onClose}>Close</Button>
      </footer>
    </Dialog>
  );
}
