// Moving between instance rows from the keyboard (↑/↓ in the table, j/k anywhere on the page): focus
// goes to the next row's name button, where Enter opens the details.

/** The name buttons of the instance rows (or, on phones, cards) rendered now, in list order. */
function rowNames(root: ParentNode): HTMLButtonElement[] {
  return [...root.querySelectorAll<HTMLButtonElement>("tr[data-instance] th button, li[data-instance] button[data-row-name]")];
}

/**
 * Moves focus `delta` rows from the row holding focus, else from the open instance's row, else to
 * the first row. The virtualized table renders a few rows beyond the window, so the neighbour is
 * there to focus. Returns whether focus moved.
 */
export function moveRowFocus(root: ParentNode, delta: 1 | -1): boolean {
  const names = rowNames(root);
  const active = document.activeElement;
  let at = names.findIndex((b) => b.closest("[data-instance]")?.contains(active));
  if (at < 0) at = names.findIndex((b) => b.getAttribute("aria-current") === "true");
  const next = at < 0 ? names[0] : names[at + delta];
  if (!next) return false;
  next.focus();
  next.scrollIntoView({ block: "nearest" });
  return true;
}
