import { useQuery } from "@tanstack/react-query";
import { InstanceHistory } from "../features/audit/components/InstanceHistory.tsx";
import { instanceAuditQueryOptions } from "../features/audit/queries.ts";
import { explainError } from "../lib/errors.ts";
import { usePoll } from "./live.tsx";

/** The instance's recent actions from the audit log; polled fast while its deployment is moving. */
export function InstanceAudit({ target, instance, active }: { target: string; instance: string; active: boolean }) {
  const poll = usePoll();
  const audit = useQuery(instanceAuditQueryOptions({ target, instance, limit: 10 }, poll.paused ? false : active ? poll.fastMs : poll.slowMs));
  return <InstanceHistory entries={audit.data} loading={audit.isPending} error={audit.isError ? explainError(audit.error) : null} />;
}
