import { useEffect, useRef, type ReactNode, type RefObject } from "react";

// The native <dialog> in modal mode: the browser traps focus, makes the page inert and turns Esc
// into a `cancel` event, which we route to onCancel so the parent stays the source of truth.
// Mount it to open it; unmount it to close it.

export interface DialogProps {
  labelledBy: string;
  describedBy?: string;
  onCancel: () => void;
  /** Gets focus when the dialog opens (e.g. the safe choice, Cancel). */
  initialFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
  className?: string;
  /** "sheet": a panel along the right edge (the whole width on phones), for details on narrow screens. */
  variant?: "center" | "sheet";
}

const frames = {
  // 95vw less a margin: the dialog never reaches the edges of a phone, and never scrolls sideways.
  center: "m-auto max-h-[90vh] w-[min(44rem,calc(100vw-1rem))] rounded-lg border",
  sheet: "my-0 mr-0 ml-auto h-dvh max-h-none w-[min(28rem,100vw)] max-w-none border-l",
};

export function Dialog({ labelledBy, describedBy, onCancel, initialFocus, children, className = "", variant = "center" }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCancelRef = useRef(onCancel);
  useEffect(() => {
    onCancelRef.current = onCancel;
  }, [onCancel]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previouslyFocused = document.activeElement as HTMLElement | null;
    if (typeof dialog.showModal === "function") {
      if (!dialog.open) dialog.showModal();
    } else {
      dialog.setAttribute("open", ""); // jsdom and very old browsers
    }
    initialFocus?.current?.focus();
    const cancel = (e: Event) => {
      e.preventDefault();
      onCancelRef.current();
    };
    dialog.addEventListener("cancel", cancel);
    return () => {
      dialog.removeEventListener("cancel", cancel);
      if (typeof dialog.close === "function" && dialog.open) dialog.close();
      previouslyFocused?.focus();
    };
  }, [initialFocus]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className={`${frames[variant]} overflow-y-auto border-slate-300 bg-white p-0 text-slate-900 shadow-xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 ${className}`}
    >
      {children}
    </dialog>
  );
}
