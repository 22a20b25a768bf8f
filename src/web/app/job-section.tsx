import type { Job } from "../../shared/api.ts";
import { parseTargetPath } from "../../shared/targets.ts";
import { useToast } from "../components/ui/toast.tsx";
import type { JobControl } from "../features/jobs/api.ts";
import { JobPanel } from "../features/jobs/components/JobPanel.tsx";
import { OtherJobs } from "../features/jobs/components/OtherJobs.tsx";
import { useJobControl } from "../features/jobs/queries.ts";
import { explainError } from "../lib/errors.ts";

// The target's job panel and its other jobs, in a file of its own: target-job.tsx loads it when a job
// is there to show, so a deep link to a target with none does not fetch it.

/** The view as it is, with job `id` open: built on render, so it follows the filters. */
function jobLink(id: string): string {
  const url = new URL(window.location.href);
  url.searchParams.set("job", id);
  return url.pathname + url.search;
}

interface JobSectionProps {
  job: Job;
  /** The target's other recent jobs. */
  others: readonly Job[];
  listError: string | null;
  /** Why a person may not steer the job, or null. */
  controlDisabledReason: string | null;
  /** Opens another job of the target in the panel (`job=` in the URL). */
  onOpenJob: (id: string) => void;
}

/** The job panel with its controls, and the target's other jobs. */
export function JobSection({ job, others, listError, controlDisabledReason, onOpenJob }: JobSectionProps) {
  const control = useJobControl();
  const { notify } = useToast();
  const sub = parseTargetPath(job.target)?.subscription ?? "";
  const onControl = (what: JobControl) =>
    control.mutate({ sub, id: job.id, what }, { onError: (err) => notify("error", `The job could not ${what}`, explainError(err)) });
  return (
    <>
      <JobPanel
        job={job}
        controlDisabledReason={control.isPending ? "Sending…" : controlDisabledReason}
        onControl={onControl}
        link={jobLink(job.id)}
        error={control.isError ? explainError(control.error) : listError}
      />
      <OtherJobs jobs={others} linkTo={jobLink} onOpen={onOpenJob} />
    </>
  );
}
