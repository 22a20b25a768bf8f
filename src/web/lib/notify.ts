import { useSyncExternalStore } from "react";

// Browser notifications (the Notification API), opt-in: the person turns them on (the browser asks
// for permission then) and the choice is remembered in localStorage, so someone who looks away from
// the tab hears when an operation or a job ends and when its instances are ready.

export type NotifyState = "unsupported" | "blocked" | "on" | "off";

const key = "rolecall.notify";
const listeners = new Set<() => void>();
/** The choice when storage is unavailable. */
let session: boolean | undefined;

function supported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

function stored(): boolean {
  try {
    return localStorage.getItem(key) === "on";
  } catch {
    return false;
  }
}

function store(on: boolean): void {
  try {
    if (on) localStorage.setItem(key, "on");
    else localStorage.removeItem(key);
  } catch {
    // Storage may be disabled: the choice then lasts for this page only.
    session = on;
  }
  for (const listener of listeners) listener();
}

export function notifyState(): NotifyState {
  if (!supported()) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && (session ?? stored()) ? "on" : "off";
}

/** Asks the browser for permission (once it is asked, it remembers) and turns notifications on. */
export async function enableNotifications(): Promise<NotifyState> {
  if (!supported()) return "unsupported";
  const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
  store(permission === "granted");
  return notifyState();
}

export function disableNotifications(): void {
  store(false);
}

/** Shows a notification when they are on; `tag` replaces an earlier one with the same tag. */
export function desktopNotify(title: string, body: string, tag?: string): void {
  if (notifyState() !== "on") return;
  try {
    new Notification(title, { body, ...(tag ? { tag } : {}) });
  } catch {
    // Some browsers allow notifications only from a service worker: the toast still says it.
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useNotifyState(): NotifyState {
  return useSyncExternalStore(subscribe, notifyState);
}
