import { Button } from "../../../components/ui/button.tsx";
import { useToast } from "../../../components/ui/toast.tsx";

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** "Copy link" (the URL holds the whole view) and "Copy summary" (Markdown for an incident channel). */
export function ShareButtons({ summary }: { summary: () => string }) {
  const { notify } = useToast();
  return (
    <div className="flex gap-2">
      <Button
        onClick={() => {
          const url = window.location.href;
          void copy(url).then((ok) => {
            if (ok) notify("success", "Link copied", "Anyone who opens it sees this same view.");
            else notify("error", "The browser did not allow copying", `Copy this link by hand: ${url}`);
          });
        }}
      >
        Copy link
      </Button>
      <Button
        onClick={() => {
          const text = summary();
          void copy(text).then((ok) => {
            if (ok) notify("success", "Summary copied", "Markdown, ready to paste into the incident channel.");
            else notify("error", "The browser did not allow copying", text);
          });
        }}
      >
        Copy summary
      </Button>
    </div>
  );
}
