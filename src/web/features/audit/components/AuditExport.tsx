import { Button } from "../../../components/ui/button.tsx";
import { downloadText } from "../../../lib/download.ts";
import { auditCsv, auditJson, exportFileName, type ShownEntry } from "../export.ts";

/** CSV and JSON of exactly the entries shown, made in the browser. */
export function AuditExport({ entries, scope }: { entries: readonly ShownEntry[]; scope: string }) {
  const off = entries.length === 0;
  return (
    <div role="group" aria-label="Export what is shown" className="flex flex-wrap gap-2">
      <Button size="sm" disabled={off} onClick={() => downloadText(exportFileName(scope, "csv", new Date()), "text/csv;charset=utf-8", auditCsv(entries))}>
        Export CSV
      </Button>
      <Button size="sm" disabled={off} onClick={() => downloadText(exportFileName(scope, "json", new Date()), "application/json", auditJson(entries))}>
        Export JSON
      </Button>
    </div>
  );
}
