// Instrumentation for `npm run bench`, compiled in only by `vite build --mode bench`.
// In every other mode `import.meta.env.MODE === "bench"` is a constant false and the bundler drops
// the bodies, so production pays nothing.

declare global {
  interface Window {
    __rolecallBench?: { rowRenders: number; marks: { name: string; detail: string; at: number }[] };
  }
}

const enabled = import.meta.env.MODE === "bench";

function store() {
  window.__rolecallBench ??= { rowRenders: 0, marks: [] };
  return window.__rolecallBench;
}

export function benchCountRowRender(): void {
  if (enabled) store().rowRenders += 1;
}

export function benchMark(name: string, detail = ""): void {
  if (enabled) store().marks.push({ name, detail, at: performance.now() });
}
