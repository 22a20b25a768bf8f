import { Button } from "../../../components/ui/button.tsx";

interface Props {
  /** The page does not start at the newest entry (`before` is set). */
  paged: boolean;
  /** The page was full: older entries may follow. */
  more: boolean;
  onNewest: () => void;
  onOlder: () => void;
}

/** Paging through the audit log by `before`: to the newest entries, or to the page after this one. */
export function AuditPager({ paged, more, onNewest, onOlder }: Props) {
  if (!paged && !more) return null;
  return (
    <nav aria-label="Audit pages" className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 px-4 py-2 dark:border-slate-800">
      {paged ? <Button size="sm" onClick={onNewest}>Newest entries</Button> : null}
      {more ? <Button size="sm" onClick={onOlder}>Older entries</Button> : null}
    </nav>
  );
}
