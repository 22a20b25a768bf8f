import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { ProductionTag } from "./badge.tsx";
import { Button } from "./button.tsx";

// Toasts double as the app's live regions: successes are announced politely, failures assertively.
// Failures stay until dismissed, so a message is never lost while someone looks away.
// They stack bottom-left: the right column holds the instance details and their action buttons.

export type ToastTone = "success" | "error" | "info";
interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  detail?: string;
  /** Marks a toast about production with the same tag as everywhere else. */
  production?: boolean;
}

interface ToastApi {
  notify: (tone: ToastTone, title: string, detail?: string, production?: boolean) => void;
}

const ToastContext = createContext<ToastApi>({ notify: () => undefined });

export function useToast(): ToastApi {
  return useContext(ToastContext);
}

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const notify = useCallback(
    (tone: ToastTone, title: string, detail?: string, production?: boolean) => {
      const id = nextId++;
      setToasts((t) => [...t.slice(-4), { id, tone, title, detail, production }]);
      if (tone !== "error") setTimeout(() => dismiss(id), 8_000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ notify }), [notify]);
  const render = (t: Toast) => (
    <div
      key={t.id}
      className={`pointer-events-auto flex items-start gap-3 rounded-md border p-3 text-sm shadow-lg ${
        t.tone === "error"
          ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          : t.tone === "success"
            ? "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
            : "border-slate-300 bg-white text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      }`}
    >
      <div className="min-w-0 flex-1">
        <p className="font-semibold">
          {t.production ? <><ProductionTag /> </> : null}
          {t.title}
        </p>
        {t.detail ? <p className="mt-0.5 break-words">{t.detail}</p> : null}
      </div>
      <Button variant="ghost" size="sm" onClick={() => dismiss(t.id)} aria-label={`Dismiss: ${t.title}`}>
        ✕
      </Button>
    </div>
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="pointer-events-none fixed bottom-4 left-4 z-50 flex w-[min(28rem,92vw)] flex-col gap-2">
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
