import type { ReactNode } from "react";
import { Dialog } from "../components/ui/dialog.tsx";
import { useMediaQuery, WIDE } from "../lib/use-media-query.ts";

/**
 * Where an instance's details open. Beside the table when there is room for the side column; below
 * 1280 px that column stacks under the table, a screen or more down, so the details open in a sheet
 * over the page instead (Esc or ✕ closes it, and focus goes back to the row).
 */
export function InstanceDetailSlot({ onClose, children }: { onClose: () => void; children: ReactNode }) {
  const wide = useMediaQuery(WIDE);
  if (wide) return <>{children}</>;
  return (
    <Dialog variant="sheet" labelledBy="detail-title" onCancel={onClose}>
      {children}
    </Dialog>
  );
}
