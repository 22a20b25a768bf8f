import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Providers } from "./app/providers.tsx";
import { Root } from "./app/root.tsx";
import { SignInGate } from "./app/sign-in-gate.tsx";
import { configQueryOptions } from "./features/config/queries.ts";
import "./index.css";
import { currentAuth } from "./lib/auth.ts";
import { createQueryClient } from "./lib/query-client.ts";
import { BrowserRouter } from "./lib/router.tsx";
import { startScrollRestoration } from "./lib/scroll.ts";
import { applyTheme, readTheme } from "./lib/theme.ts";

applyTheme(readTheme());
const queryClient = createQueryClient();
const element = document.getElementById("root");
if (!element) throw new Error("index.html lacks #root");
const root = createRoot(element);

// Config (and with it sign-in) first: a sign-in redirect is finished and the deep link restored
// before the router reads the URL. A failure here is shown by the root's error view.
void queryClient
  .query({ ...configQueryOptions(), staleTime: "static" })
  .catch(() => undefined)
  .then(() => {
    const auth = currentAuth();
    startScrollRestoration();
    root.render(
      <StrictMode>
        <Providers queryClient={queryClient}>
          {auth.mode === "msal" && !auth.user ? <SignInGate /> : <BrowserRouter><Root /></BrowserRouter>}
        </Providers>
      </StrictMode>,
    );
  });
