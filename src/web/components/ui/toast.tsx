import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ProductionTag } from "./badge.tsx";
import { Button } from "./button.tsx";

// Toasts double as the app's live regions: successes are announced politely, failures assertively.
// Failures stay until dismissed, so a message is never lost while someone looks away; successes go
// by themselves, though not while the pointer or focus is on them (WCAG 2.2.1: time to read).
// They stack bottom-right, as wide as the page's right column: from 1280 px up that column holds the
// tray and the details, never the instance rows, so a toast does not cover a row someone is reading.

export type ToastTone = "success" | "error" | "info";
interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  detail?: string | undefined;
  /** Marks a toast about production with the same tag as everywhere else. */
  production?: boolean | undefined;
}

interface ToastApi {
  notify: (tone: ToastTone, title: string, detail?: string, production?: boolean) => void;
}

/** How long a success or an info stays, unless held by the pointer or focus. */
export const TOAST_MS = 6_000;

const ToastContext = createContext<ToastApi>({ notify: () => undefined });

export function useToast(): ToastApi {
  return useContext(ToastContext);
}

let nextId = 1;

const toneClass: Record<ToastTone, string> = {
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  success: "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100",
  info: "border-slate-300 bg-white text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100",
};

function ToastItem({ toast: t, held, onDismiss }: { toast: Toast; held: boolean; onDismiss: (id: number) => void }) {
  // The clock restarts when the toast is let go: whoever held it gets the full time to finish reading.
  useEffect(() => {
    if (t.tone === "error" || held) return;
    const timer = setTimeout(() => onDismiss(t.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [t.tone, t.id, held, onDismiss]);
  return (
    <div className={`pointer-events-auto flex items-start gap-3 rounded-md border p-3 text-sm shadow-lg ${toneClass[t.tone]}`}>
      <div className="min-w-0 flex-1">
        <p className="font-semibold">
          {t.production ? <><ProductionTag /> </> : null}
          {t.title}
        </p>
        {t.detail ? <p className="mt-0.5 break-words">{t.detail}</p> : null}
      </div>
      <Button variant="ghost" size="sm" onClick={() => onDismiss(t.id)} aria-label={`Dismiss: ${t.title}`}>
        ✕
      </Button>
    </div>
  );
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [pointer, setPointer] = useState(false);
  const [focus, setFocus] = useState(false);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const notify = useCallback((tone: ToastTone, title: string, detail?: string, production?: boolean) => {
    const id = nextId++;
    // Three at most: more would cover the side column's tray, which keeps every message anyway. The
    // oldest success goes first; a failure gives way only to newer failures.
    setToasts((t) => {
      const next = [...t, { id, tone, title, detail, production }];
      while (next.length > 3) {
        const drop = next.findIndex((x) => x.tone !== "error");
        next.splice(drop >= 0 ? drop : 0, 1);
      }
      return next;
    });
  }, []);
  const api = useMemo(() => ({ notify }), [notify]);
  const held = pointer || focus;
  const render = (t: Toast) => <ToastItem key={t.id} toast={t} held={held} onDismiss={dismiss} />;
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div
        className="pointer-events-none fixed right-4 bottom-4 z-50 flex max-h-[calc(100dvh-2rem)] w-[min(24rem,calc(100vw-2rem))] flex-col gap-2 overflow-y-auto"
        onPointerEnter={() => setPointer(true)}
        onPointerLeave={() => setPointer(false)}
        onFocus={() => setFocus(true)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget)) setFocus(false);
        }}
      >
        <div role="alert" aria-live="assertive" className="flex flex-col gap-2">
          {toasts.filter((t) => t.tone === "error").map(render)}
        </div>
        <div role="status" aria-live="polite" className="flex flex-col gap-2">
          {toasts.filter((t) => t.tone !== "error").map(render)}
        </div>
      </div>
    </ToastContext.Provider>
  );
}
