// Dark mode: the stylesheet follows the system by default (see index.css); a stored choice adds a
// `light` or `dark` class on <html> that overrides it. No inline script (CSP), so this runs from the
// bundle at start-up.

export type ThemeChoice = "system" | "light" | "dark";
const key = "rolecall.theme";

export function readTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(key);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    return "system";
  }
}

export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  root.classList.toggle("dark", choice === "dark");
  root.classList.toggle("light", choice === "light");
  try {
    if (choice === "system") localStorage.removeItem(key);
    else localStorage.setItem(key, choice);
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
}
