/**
 * Runs `work` while renewing a lease every third of `leaseMs`: an upstream call may take longer than
 * a lease, and another replica must not take over what is still under way here. A renewal that
 * fails is left to the next one (or to the caller's next look at the lease); one still under way is
 * awaited before returning, so it cannot land after a release that follows.
 */
export async function whileRenewing<T>(leaseMs: number, renew: () => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  let renewing: Promise<unknown> = Promise.resolve();
  const keep = setInterval(() => {
    renewing = renew().catch(() => undefined);
  }, Math.max(50, leaseMs / 3));
  keep.unref();
  try {
    return await work();
  } finally {
    clearInterval(keep);
    await renewing;
  }
}
