import { useState } from "react";
import { Button } from "../components/ui/button.tsx";
import { currentAuth } from "../lib/auth.ts";

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
