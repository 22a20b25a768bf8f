import { useCallback, useState } from "react";
import { currentAuth } from "../../lib/auth.ts";

// The reason or ticket a person gives with an action (or a job), remembered for the browser tab's
// session: in an incident the same ticket goes with one action after another, and typing it each
// time is what makes people leave it out. sessionStorage, not localStorage: tomorrow's incident is
// another ticket, and a reason must not follow someone into it unnoticed. Nor into someone else's
// session: it is kept with the account that typed it, and offered to that account only (signing
// out and in as another person in the same tab keeps the tab, and so its storage).

const key = "rolecall.reason";
/** As the proxy accepts it (shared reasonSchema). */
export const REASON_MAX = 500;

/** Whose reason: the signed-in account's id; "" without sign-in (everyone is the local operator). */
const signedIn = (): string => currentAuth().user?.id ?? "";

/** What `owner` typed last in this tab; "" when nothing, when storage is off, or when another account typed it. */
export function rememberedReason(owner = signedIn()): string {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return "";
    const saved = JSON.parse(raw) as { owner?: unknown; text?: unknown };
    if (saved.owner === owner && typeof saved.text === "string") return saved.text;
    // Another person's: never offered, and not kept for them either.
    sessionStorage.removeItem(key);
    return "";
  } catch {
    return "";
  }
}

/** Remembers `text` as `owner`'s last reason in this tab (blank forgets it). */
export function rememberReason(text: string, owner = signedIn()): void {
  try {
    if (text.trim()) sessionStorage.setItem(key, JSON.stringify({ owner, text }));
    else sessionStorage.removeItem(key);
  } catch {
    // Storage may be disabled: the reason then lasts for this dialog only.
  }
}

/** The reason as sent: one line (a pasted tab becomes a space), trimmed, absent when blank. */
export const reasonToSend = (text: string): string | undefined => text.replace(/\p{Cc}+/gu, " ").trim() || undefined;

/** The dialog's reason field: starts with the tab's last reason (this account's), and remembers what is typed. */
export function useRememberedReason(): [string, (text: string) => void] {
  const [reason, setReason] = useState(() => rememberedReason());
  const set = useCallback((text: string) => {
    setReason(text);
    rememberReason(text);
  }, []);
  return [reason, set];
}
