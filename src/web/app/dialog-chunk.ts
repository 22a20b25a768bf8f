// The action dialogs, in a chunk of their own: what app/dialogs.tsx loads on demand; and the checks
// their data needs, which use-confirm-data.ts takes from here once a dialog opens.
export { ConfirmDialog } from "../features/operations/components/ConfirmDialog.tsx";
export { JobPlanDialog } from "../features/operations/components/JobPlanDialog.tsx";
export { statusChanges, targetBusyReason } from "../features/operations/confirmation.ts";
