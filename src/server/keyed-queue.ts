/**
 * Runs work one at a time per key, in call order, in this process; a failure does not stop the
 * next. Keys with nothing queued are forgotten, so the map stays as small as the work in progress.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  /** Settles once everything queued now has run. */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
