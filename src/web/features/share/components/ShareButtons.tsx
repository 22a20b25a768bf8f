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

/**
 * Copies text that is still being made. Safari (and so every browser on an iPhone) allows a clipboard
 * write only within the click, and a write started after awaiting anything is outside it; a
 * ClipboardItem may hold a promise, so the write starts in the click and the text follows. Browsers
 * without ClipboardItem (or without a clipboard) throw before the text is touched: they get writeText.
 */
function copyLater(text: Promise<string>): Promise<boolean> {
  try {
    return navigator.clipboard.write([new ClipboardItem({ "text/plain": text.then((t) => new Blob([t], { type: "text/plain" })) })]).then(
      () => true,
      () => false,
    );
  } catch {
    return text.then(copy);
  }
}

/**
 * "Copy link" (the URL holds the whole view) and "Copy summary" (Markdown for an incident channel).
 * `summary` gives the text at once, or a promise while the code that writes it is still loading.
 */
export function ShareButtons({ summary }: { summary: () => string | Promise<string> }) {
  const { notify } = useToast();
  const copied = (text: string, ok: boolean) => {
    if (ok) notify("success", "Summary copied", "Markdown, ready to paste into the incident channel.");
    else notify("error", "The browser did not allow copying", text);
  };
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
          // The clipboard write starts in the click itself, as some browsers require.
          const text = summary();
          if (typeof text === "string") {
            void copy(text).then((ok) => copied(text, ok));
            return;
          }
          void copyLater(text).then((ok) =>
            text.then(
              (t) => copied(t, ok),
              () => notify("error", "The summary could not be made", "Check your connection, then try again."),
            ),
          );
        }}
      >
        Copy summary
      </Button>
    </div>
  );
}
