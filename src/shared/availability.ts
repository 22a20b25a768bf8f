import type { Instance } from "./api.ts";

export interface AvailabilityImpact {
  role: string;
  /** Instances of the role now, and how many of them are ready. */
  total: number;
  readyNow: number;
  /** Ready instances of the role while the targets are out of service. */
  readyDuring: number;
  /** True when the action leaves the role with no ready instance. */
  outage: boolean;
  /** Other instances of the targets' upgrade domains (any role) that are not ready now. */
  notReadyInSameUpgradeDomain: Instance[];
}

/**
 * What taking `targets` out of service does to their role(s), computed from current statuses.
 * One entry per role touched, in the order roles first appear among the targets.
 */
export function availabilityImpact(instances: readonly Instance[], targetNames: readonly string[]): AvailabilityImpact[] {
  const targets = new Set(targetNames);
  const targetInstances = instances.filter((i) => targets.has(i.name));
  const roles = [...new Set(targetInstances.map((i) => i.role))];
  const domains = new Set(targetInstances.map((i) => i.upgradeDomain));
  const notReadyInDomains = instances.filter(
    (i) => !targets.has(i.name) && domains.has(i.upgradeDomain) && i.tone !== "ok",
  );
  return roles.map((role) => {
    const ofRole = instances.filter((i) => i.role === role);
    const readyNow = ofRole.filter((i) => i.tone === "ok").length;
    const readyDuring = ofRole.filter((i) => i.tone === "ok" && !targets.has(i.name)).length;
    return {
      role,
      total: ofRole.length,
      readyNow,
      readyDuring,
      outage: readyDuring === 0,
      notReadyInSameUpgradeDomain: notReadyInDomains,
    };
  });
}
