import type { ActionKind, ActionOutcome, Instance, InstanceRest, InstanceView, Plan, Step } from "./types.ts";

/**
 * The time-driven instance state machine (reference A9). Each action is a list of timed steps; the
 * operation finishes when the instance enters `opEndsOn` — before it is back to ReadyRole, as in
 * reality. Durations are realistic at speed 1 and divided by `speed`.
 */
const SECOND = 1000;

interface StepSpec {
  status: string;
  seconds: number;
}

const stop: StepSpec[] = [
  { status: "StoppingRole", seconds: 40 },
  { status: "StoppingVM", seconds: 30 },
  { status: "StoppedVM", seconds: 10 },
];

/** Realistic step durations (reboot ≈ 4 min, reimage ≈ 12 min, rebuild ≈ 15 min). */
export const actionSteps: Record<ActionKind, StepSpec[]> = {
  reboot: [
    ...stop,
    { status: "StartingVM", seconds: 60 },
    { status: "StartingRole", seconds: 45 },
    { status: "BusyRole", seconds: 55 },
  ],
  reimage: [
    ...stop,
    { status: "CreatingVM", seconds: 240 },
    { status: "StartingVM", seconds: 120 },
    { status: "CreatingRole", seconds: 120 },
    { status: "StartingRole", seconds: 90 },
    { status: "BusyRole", seconds: 70 },
  ],
  rebuild: [
    ...stop,
    { status: "CreatingVM", seconds: 330 },
    { status: "StartingVM", seconds: 120 },
    { status: "CreatingRole", seconds: 150 },
    { status: "StartingRole", seconds: 120 },
    { status: "BusyRole", seconds: 100 },
  ],
};

/** After a failed operation the platform restarts the old VM: a reboot-style start. */
const recovery: StepSpec[] = [
  { status: "StartingVM", seconds: 60 },
  { status: "StartingRole", seconds: 45 },
  { status: "BusyRole", seconds: 55 },
];

const powerStates: Record<string, string> = {
  StoppingRole: "Stopping",
  StoppingVM: "Stopping",
  StoppedVM: "Stopped",
  CreatingVM: "Starting",
  StartingVM: "Starting",
};

export function powerStateOf(status: string): string {
  return powerStates[status] ?? "Started";
}

export const ready: InstanceRest = { status: "ReadyRole", errorCode: "", stateDetails: "" };

export const failedStart: InstanceRest = {
  status: "FailedStartingRole",
  errorCode: "RoleStartupFailed",
  stateDetails: "The role failed to start: the role entry point exited with code 1 during OnStart.",
};

export const operationError = {
  code: "InternalError",
  message: "The server encountered an internal error. Please retry the request.",
};

/** How Compute words a failed cloud-service (extended support) operation in its async-operation document. */
export const armOperationError = {
  code: "InternalExecutionError",
  message: "An internal execution error occurred. Please retry later.",
};

export interface PlannedAction {
  plan: Plan;
  /** Offset from start at which the operation leaves InProgress. */
  opEndsAt: number;
}

export function planAction(
  action: ActionKind,
  outcome: ActionOutcome,
  operationId: string,
  startedAt: number,
  speed: number,
): PlannedAction {
  let specs: StepSpec[];
  let opEndsOn: string;
  let final = ready;
  if (outcome === "failOperation") {
    specs = [...stop, ...recovery];
    opEndsOn = "StartingVM";
  } else {
    specs = actionSteps[action];
    opEndsOn = "StartingRole";
    if (outcome === "failInstance") {
      // Instead of BusyRole → ReadyRole the role keeps crashing and gives up.
      specs = specs.map((s) => (s.status === "BusyRole" ? { status: "RestartingRole", seconds: s.seconds } : s));
      final = failedStart;
    }
  }
  const steps: Step[] = [];
  let at = 0;
  let opEndsAt = 0;
  for (const spec of specs) {
    if (spec.status === opEndsOn) opEndsAt = at;
    steps.push({ status: spec.status, powerState: powerStateOf(spec.status), at });
    at += (spec.seconds * SECOND) / speed;
  }
  return { plan: { action, outcome, operationId, startedAt, steps, endsAt: at, final }, opEndsAt };
}

/** The instance as a reader sees it at time `now`. */
export function viewInstance(instance: Instance, now: number): InstanceView {
  const { plan } = instance;
  if (!plan) return restView(instance.rest);
  const elapsed = now - plan.startedAt;
  if (elapsed >= plan.endsAt) return restView(plan.final);
  let current = plan.steps[0];
  for (const step of plan.steps) if (step.at <= elapsed) current = step;
  if (!current) return restView(instance.rest);
  return { status: current.status, powerState: current.powerState, errorCode: "", stateDetails: "" };
}

/**
 * When the status `viewInstance` reports began: the current step's start, the end of a finished plan,
 * or undefined for an instance no action has touched since the scenario was built.
 */
export function statusSince(instance: Instance, now: number): number | undefined {
  const { plan } = instance;
  if (!plan) return undefined;
  const elapsed = now - plan.startedAt;
  if (elapsed >= plan.endsAt) return plan.startedAt + plan.endsAt;
  let at = 0;
  for (const step of plan.steps) if (step.at <= elapsed) at = step.at;
  return plan.startedAt + at;
}

/** True while an action is still moving the instance (its plan has not reached its final state). */
export function inAction(instance: Instance, now: number): boolean {
  return instance.plan !== undefined && now - instance.plan.startedAt < instance.plan.endsAt;
}

function restView(rest: InstanceRest): InstanceView {
  return { ...rest, powerState: powerStateOf(rest.status) };
}

/** Folds a finished plan into the instance's resting state (keeps views identical). */
export function settle(instance: Instance, now: number): void {
  const { plan } = instance;
  if (plan && now - plan.startedAt >= plan.endsAt) {
    instance.rest = plan.final;
    delete instance.plan;
  }
}
