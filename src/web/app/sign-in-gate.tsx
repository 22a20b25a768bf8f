import { useState, useSyncExternalStore } from "react";
import { Button } from "../components/ui/button.tsx";
import { currentAuth, isSignInRequired, signInAgain, subscribeSignInRequired } from "../lib/auth.ts";

/**
 * What a signed-out visitor sees in msal mode, instead of the app. Signing in leaves for the
 * authority and comes back to this very URL (a shared link survives the round trip).
 */
export function SignInGate() {
  const [leaving, setLeaving] = useState(false);
  return (
    <main id="main" className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-xl font-semibold">Sign in to Rolecall</h1>
      <p className="mt-2 text-sm">
        Rolecall shows and acts on live cloud services, so it needs to know who you are. Sign in with your work account;
        you will come back to the page you opened.
      </p>
      <Button
        variant="primary"
        className="mt-4"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void currentAuth().signIn();
        }}
      >
        {leaving ? "Signing in…" : "Sign in"}
      </Button>
    </main>
  );
}

/**
 * Shown once the proxy refused an action for the sign-in (the error toast says to sign in again and
 * that nothing was done): the way to do so, keeping the current view for after the round trip.
 */
export function SignInAgainNotice() {
  const required = useSyncExternalStore(subscribeSignInRequired, isSignInRequired);
  const [leaving, setLeaving] = useState(false);
  if (!required) return null;
  return (
    <div className="mx-auto mt-3 flex max-w-[110rem] flex-wrap items-center gap-3 px-4">
      <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
        Your sign-in was refused, so the action was not carried out. Sign in again, then retry it.
      </p>
      <Button
        variant="primary"
        disabled={leaving}
        onClick={() => {
          setLeaving(true);
          void signInAgain();
        }}
      >
        {leaving ? "Signing in…" : "Sign in again"}
      </Button>
    </div>
  );
}
