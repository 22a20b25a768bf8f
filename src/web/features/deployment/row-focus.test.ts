import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { moveRowFocus } from "./row-focus.ts";

beforeAll(() => {
  // jsdom lays nothing out.
  Element.prototype.scrollIntoView = () => undefined;
});
afterEach(() => {
  document.body.innerHTML = "";
});

function table(current?: string) {
  document.body.innerHTML = `<table><tbody>${["A", "B", "C"]
    .map((n) => `<tr data-instance="${n}"><th><input type="checkbox"><button ${n === current ? 'aria-current="true"' : ""}>${n}</button></th><td><button>Reimage ${n}</button></td></tr>`)
    .join("")}</tbody></table><button id="away">away</button>`;
}
const focused = () => document.activeElement?.textContent;

describe("moveRowFocus", () => {
  it("goes to the first row when focus is elsewhere and nothing is open, then row by row", () => {
    table();
    expect(moveRowFocus(document, 1)).toBe(true);
    expect(focused()).toBe("A");
    moveRowFocus(document, 1);
    expect(focused()).toBe("B");
    moveRowFocus(document, -1);
    expect(focused()).toBe("A");
    expect(moveRowFocus(document, -1)).toBe(false);
  });

  it("moves from any control of a row, and from the open instance's row when focus is outside", () => {
    table("B");
    document.querySelector<HTMLButtonElement>("tr[data-instance=A] td button")?.focus();
    moveRowFocus(document, 1);
    expect(focused()).toBe("B");
    document.getElementById("away")?.focus();
    moveRowFocus(document, 1);
    expect(focused()).toBe("C");
  });
});
