// The action dialogs, in a chunk of their own: what app/dialogs.tsx loads on demand.
export { ConfirmDialog } from "../features/operations/components/ConfirmDialog.tsx";
export { JobPlanDialog } from "../features/operations/components/JobPlanDialog.tsx";
