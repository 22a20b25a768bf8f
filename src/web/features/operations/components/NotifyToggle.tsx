import { useState } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { disableNotifications, enableNotifications, useNotifyState } from "../../../lib/notify.ts";

/**
 * Opt-in browser notifications, remembered in this browser: someone who looks away learns when an
 * operation or job ends and when its instances are ready. Blocked in the browser: said, not hidden.
 */
export function NotifyToggle() {
  const state = useNotifyState();
  const [asking, setAsking] = useState(false);
  if (state === "unsupported") return null;
  if (state === "blocked") {
    return <span className="text-xs font-normal text-slate-700 dark:text-slate-300">Notifications are blocked in this browser’s site settings</span>;
  }
  const on = state === "on";
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-pressed={on}
      disabled={asking}
      title={on ? "Turn off browser notifications" : "A browser notification when an operation or job ends and when its instances are ready"}
      onClick={() => {
        if (on) return disableNotifications();
        setAsking(true);
        void enableNotifications().finally(() => setAsking(false));
      }}
    >
      {on ? "Notifications on" : "Notify me"}
    </Button>
  );
}
