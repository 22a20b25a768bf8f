import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from "react";

// Parts of a page that only some visits show (a job's panel, an instance's details, the shortcuts'
// list) load on demand, so the deep link to a target loads less (bench "wire" counts every script it
// fetches). A part shows `pending` while it loads (nothing unless given); if its file cannot be fetched (the network, or a new
// version deployed since the page was opened), it says so in its place, with a retry, and the page
// around it keeps working.

/** A part's file could not be fetched (as opposed to a part that failed while rendering). */
class PartLoadError extends Error {
  override name = "PartLoadError";
}

interface BoundaryProps {
  what: string;
  onRetry: () => void;
  children: ReactNode;
}

class LoadBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    // A bug in the part itself is not a loading problem: the page's boundary (page-boundary.tsx) says so.
    if (!(error instanceof PartLoadError)) throw error;
    return (
      <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
        The {this.props.what} could not be loaded. Check your connection, then{" "}
        <button
          type="button"
          className="font-medium underline"
          onClick={() => {
            this.setState({ error: null });
            this.props.onRetry();
          }}
        >
          try again
        </button>
        .
      </p>
    );
  }
}

/**
 * A component whose code is fetched when it first renders, or earlier through `preload` (for pointer
 * and focus events: after a failure it leaves the retry to the part, rather than trying on every move).
 * `what` names it in the sentence shown if it cannot be fetched ("job panel").
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>, what: string, pending: ReactNode = null): ComponentType<P> & { preload: () => void } {
  let loading: Promise<ComponentType<P>> | undefined;
  let failed = false;
  const fetchPart = () =>
    (loading ??= load().then(
      (part) => {
        // A retry that worked: preloading is worth doing again.
        failed = false;
        return part;
      },
      (err: unknown) => {
        loading = undefined;
        failed = true;
        throw new PartLoadError(err instanceof Error ? err.message : String(err));
      },
    ));
  const create = () => lazy(async () => ({ default: await fetchPart() }));
  let Lazy = create();

  function LazyPart(props: P) {
    const [, setAttempt] = useState(0);
    const retry = () => {
      Lazy = create();
      setAttempt((n) => n + 1);
    };
    return (
      <LoadBoundary what={what} onRetry={retry}>
        <Suspense fallback={pending}>
          <Lazy {...props} />
        </Suspense>
      </LoadBoundary>
    );
  }
  const preload = () => {
    if (!failed) fetchPart().catch(() => undefined);
  };
  return Object.assign(LazyPart, { preload });
}
