import { useId, useMemo, useRef, useState } from "react";
import type { Instance } from "../../../../shared/api.ts";
import { availabilityImpact } from "../../../../shared/availability.ts";
import type { Action } from "../../../../shared/names.ts";
import { describeStatus } from "../../../../shared/status-catalog.ts";
import { SlotTag } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import type { TargetHeading } from "../../../lib/targets.ts";
import { confirmationRule, typedWordMatches, type StatusChange } from "../confirmation.ts";
import { actionCopy } from "../copy.ts";
import { reasonToSend, useRememberedReason } from "../reason.ts";
import { ActionHeader, LossSection } from "./ConfirmHeader.tsx";
import { AsOf, Changes, ImpactSection, TargetTable, TypedWord } from "./ConfirmSections.tsx";
import { ReasonField } from "./ReasonField.tsx";

/** What Confirm sends, to any kind of target: the dialog words the target by its heading. */
export interface ConfirmRequest {
  action: Action;
  target: TargetHeading;
  /** Names of the instances acted on. */
  instances: readonly string[];
}

/**
 * The statuses the dialog shows and computes the impact from: the copy it opened on, then the fresh
 * one fetched on opening (the table behind stays held; `changes` says what moved).
 */
export interface StatusSnapshot {
  instances: readonly Instance[];
  /** ms epoch the statuses were fetched at. */
  asOf?: number;
  /** Why Confirm is off even with the word typed (checking current status, stale, busy), or null. */
  blockedReason?: string | null;
  /** Target or same-role statuses that changed since the dialog opened. */
  changes?: readonly StatusChange[];
}

/** What the person added in the dialog: why (for the audit), if they said. */
export interface ActionChoice {
  reason?: string | undefined;
}

export interface ConfirmDialogProps {
  request: ConfirmRequest;
  snapshot: StatusSnapshot;
  onCancel: () => void;
  /** Called at most once. */
  onConfirm: (choice: ActionChoice) => void;
}

/** Which target this acts on: what it is, its name, its resource group if any, its slot. */
export function TargetLine({ target }: { target: TargetHeading }) {
  return (
    <p className="flex flex-wrap items-center gap-2">
      <span>
        {target.noun} <strong>{target.name}</strong>
        {target.resourceGroup ? <> in resource group <strong>{target.resourceGroup}</strong></> : null}
        {target.slot ? ", slot" : null}
      </span>
      <SlotTag slot={target.slot} />
    </p>
  );
}

/** Sends at most once: the ref guards a double click that lands before React re-renders the button. */
export function useSendOnce(onConfirm: () => void) {
  const sentRef = useRef(false);
  const [sent, setSent] = useState(false);
  const send = () => {
    if (sentRef.current) return;
    sentRef.current = true;
    setSent(true);
    onConfirm();
  };
  return { sent, send };
}

export function ConfirmDialog({ request, snapshot, onCancel, onConfirm }: ConfirmDialogProps) {
  const { action, target, instances: targetNames } = request;
  const { instances, asOf, blockedReason = null, changes = [] } = snapshot;
  const titleId = useId();
  const descId = useId();
  const wordId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const wordRef = useRef<HTMLInputElement>(null);
  const [reason, setReason] = useRememberedReason();
  const { sent, send } = useSendOnce(() => onConfirm({ reason: reasonToSend(reason) }));
  const [typed, setTyped] = useState("");

  const copy = actionCopy[action];
  const production = target.production;
  const targets = useMemo(() => instances.filter((i) => targetNames.includes(i.name)), [instances, targetNames]);
  const impacts = useMemo(() => availabilityImpact(instances, targetNames), [instances, targetNames]);
  const rule = useMemo(() => confirmationRule(action, production, impacts, targetNames, target.name), [action, production, target.name, impacts, targetNames]);
  const canConfirm = !sent && blockedReason === null && typedWordMatches(rule, typed) && targets.length > 0;
  // Where focus starts is decided once, on opening: the word's field when one must be typed (Enter
  // then confirms only once it is right), else Cancel. A rule that changes later moves nothing.
  const [initialFocus] = useState(() => (rule.word !== null ? wordRef : cancelRef));

  return (
    <Dialog labelledBy={titleId} describedBy={descId} onCancel={onCancel} initialFocus={initialFocus} className="scroll-pt-32 scroll-pb-24">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (canConfirm) send();
        }}
      >
        <ActionHeader copy={copy} production={production} titleId={titleId} descId={descId} title={`${copy.verb} — ${copy.effect}`} />

        <div className="space-y-4 px-5 py-4 text-sm">
          <TargetLine target={target} />
          {asOf ? <AsOf at={asOf} /> : null}
          <Changes changes={changes} />
          <TargetTable targets={targets} />
          <LossSection copy={copy} />
          <ImpactSection impacts={impacts} verb={copy.verb} />
          <ReasonField value={reason} onChange={setReason} />
          <TypedWord rule={rule} inputId={wordId} inputRef={wordRef} value={typed} onChange={setTyped} />
          <p className="text-slate-700 dark:text-slate-300">
            Current statuses: {targets.map((t) => `${t.name} ${describeStatus(t.status).label}`).join(", ")}. Nothing is sent until you confirm.
          </p>
        </div>

        {/* Sticky: Confirm, and why it is off (someone else started something), stay in sight however long the dialog. */}
        <footer className="sticky bottom-0 flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-white px-5 py-3 dark:border-slate-800 dark:bg-slate-900">
          {blockedReason && !sent ? (
            <p role="status" className="mr-auto self-center text-sm font-medium text-amber-900 dark:text-amber-200">{blockedReason}</p>
          ) : null}
          {/* Once sent the request is out: closing no longer cancels anything, so the button says so. */}
          <Button ref={cancelRef} onClick={onCancel}>
            {sent ? "Close" : "Cancel"}
          </Button>
          <Button type="submit" variant={copy.risk === "low" && !production ? "primary" : "danger"} disabled={!canConfirm}>
            {sent ? "Sending…" : `${copy.verb} ${targetNames.length === 1 ? targetNames[0] : `${targetNames.length} instances`}`}
          </Button>
        </footer>
      </form>
    </Dialog>
  );
}
