import type { Instance } from "../../shared/api.ts";
import type { Action } from "../../shared/names.ts";
import { InstanceDetail } from "../features/deployment/components/InstanceDetail.tsx";
import { protectedReason } from "../features/deployment/components/InstanceRow.tsx";
import { ActionButtons } from "../features/operations/components/ActionButtons.tsx";
import { InstanceAudit } from "./instance-audit.tsx";
import { InstanceDetailSlot } from "./instance-detail-slot.tsx";

// An instance's details with its actions and history, in a file of its own: the target page loads
// it when an instance is opened (or the pointer or focus comes near the instances, ahead of that).

interface Props {
  /** `?instance=`: the name the URL opened (the instance may no longer exist). */
  name: string;
  instance: Instance | undefined;
  activity: string | undefined;
  onClose: () => void;
  /** Why the page's actions are unavailable (or null), and what starts one. */
  actions: { disabledReason: string | null; onAction: (instance: string, action: Action) => void };
  /** The target's /api path, and whether it is moving (its history is then read often). */
  history: { target: string; active: boolean };
}

export function InstancePanel({ name, instance, activity, onClose, actions, history }: Props) {
  return (
    <InstanceDetailSlot onClose={onClose}>
      <InstanceDetail
        instance={instance}
        missing={name}
        activity={activity}
        onClose={onClose}
        actions={instance ? <ActionButtons instance={instance.name} disabledReason={instance.protectedFromActions ? protectedReason : actions.disabledReason} onAction={actions.onAction} /> : null}
        history={<InstanceAudit target={history.target} instance={name} active={history.active} />}
      />
    </InstanceDetailSlot>
  );
}
