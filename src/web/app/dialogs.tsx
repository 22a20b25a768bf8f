import { useEffect, useRef, useSyncExternalStore, type ComponentProps } from "react";
import { useToast } from "../components/ui/toast.tsx";

// The confirmation dialogs (a single action, a rolling job's plan) are loaded on demand: the deep
// link to a target, the on-call path, loads without them (bench "wire" counts its JavaScript). They
// load early, when the pointer or focus enters the instances (preloadDialogsOnIntent), so that they
// are there by the time an action is chosen; opening one loads them too, if they are not yet.

type Chunk = typeof import("./dialog-chunk.ts");
interface DialogsState {
  chunk?: Chunk;
  /** Failed attempts so far; a dialog that opened after the last one reacts to the next. */
  failures: number;
}

let state: DialogsState = { failures: 0 };
let loading = false;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};
const snapshot = () => state;
function update(next: DialogsState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** Loads the dialogs unless they are loaded or on their way; after a failure, tries again. */
export function preloadDialogs(): void {
  if (state.chunk || loading) return;
  loading = true;
  void import("./dialog-chunk.ts")
    .then(
      (chunk) => update({ ...state, chunk }),
      () => update({ failures: state.failures + 1 }),
    )
    .finally(() => {
      loading = false;
    });
}

/** For pointer and focus events: loads the dialogs, but does not retry a failure on every move. */
export function preloadDialogsOnIntent(): void {
  if (state.failures === 0) preloadDialogs();
}

/**
 * The dialogs' chunk once it is there (loading it if need be). If it cannot be loaded, the dialog is
 * cancelled (nothing was sent) and a toast says why.
 */
function useDialogChunk(what: string, onCancel: () => void): Chunk | undefined {
  const { chunk, failures } = useSyncExternalStore(subscribe, snapshot);
  const failuresAtOpen = useRef(failures);
  const { notify } = useToast();
  useEffect(preloadDialogs, []);
  useEffect(() => {
    if (failures <= failuresAtOpen.current) return;
    notify("error", `The ${what} could not be opened`, "Nothing was sent. Check your connection, then try again.");
    onCancel();
  }, [failures, notify, onCancel, what]);
  return chunk;
}

export function ConfirmDialog(props: ComponentProps<Chunk["ConfirmDialog"]>) {
  const chunk = useDialogChunk("confirmation", props.onCancel);
  return chunk ? <chunk.ConfirmDialog {...props} /> : null;
}

export function JobPlanDialog(props: ComponentProps<Chunk["JobPlanDialog"]>) {
  const chunk = useDialogChunk("job plan", props.onCancel);
  return chunk ? <chunk.JobPlanDialog {...props} /> : null;
}
