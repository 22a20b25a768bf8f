import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentAuth, markSignInRequired } from "../lib/auth.ts";
import { SignInAgainNotice } from "./sign-in-gate.tsx";

afterEach(cleanup);

describe("SignInAgainNotice", () => {
  it("appears once an action was refused for the sign-in, and its button starts the redirect sign-in", () => {
    const signIn = vi.spyOn(currentAuth(), "signIn").mockResolvedValue(undefined);
    render(<SignInAgainNotice />);
    expect(screen.queryByRole("button", { name: "Sign in again" })).toBeNull();

    act(() => markSignInRequired());
    expect(screen.getByText(/Your sign-in was refused, so the action was not carried out/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Sign in again" }));
    expect(signIn).toHaveBeenCalledTimes(1);
    // One round trip: the button cannot start a second while the page leaves.
    expect(screen.getByRole("button", { name: "Signing in…" }).hasAttribute("disabled")).toBe(true);
  });
});
