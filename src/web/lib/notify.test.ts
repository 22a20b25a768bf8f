import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { desktopNotify, disableNotifications, enableNotifications, notifyState } from "./notify.ts";

const shown: { title: string; body: string | undefined }[] = [];
let permission: NotificationPermission = "default";

class FakeNotification {
  static get permission() {
    return permission;
  }
  static requestPermission = vi.fn(() => Promise.resolve(permission === "default" ? (permission = "granted") : permission));
  readonly title: string;
  constructor(title: string, options?: NotificationOptions) {
    this.title = title;
    shown.push({ title, body: options?.body });
  }
}

beforeEach(() => {
  shown.length = 0;
  permission = "default";
  localStorage.clear();
  vi.stubGlobal("Notification", FakeNotification);
});
afterEach(() => vi.unstubAllGlobals());

describe("browser notifications", () => {
  it("are off until turned on; turning on asks the browser once and is remembered", async () => {
    expect(notifyState()).toBe("off");
    desktopNotify("t", "b");
    expect(shown).toEqual([]);
    expect(await enableNotifications()).toBe("on");
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect(localStorage.getItem("rolecall.notify")).toBe("on");
    desktopNotify("Reimage of W_0 succeeded", "Azure finished.");
    expect(shown).toEqual([{ title: "Reimage of W_0 succeeded", body: "Azure finished." }]);
    disableNotifications();
    expect(notifyState()).toBe("off");
    desktopNotify("t", "b");
    expect(shown).toHaveLength(1);
  });

  it("say so when the browser blocks them", async () => {
    permission = "denied";
    expect(notifyState()).toBe("blocked");
    expect(await enableNotifications()).toBe("blocked");
    desktopNotify("t", "b");
    expect(shown).toEqual([]);
  });
});
