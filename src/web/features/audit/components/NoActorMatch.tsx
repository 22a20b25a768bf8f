import { useId } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { suggestedActors } from "../filter.ts";

/**
 * What an empty page says when "Who" named someone: the proxy matches whole names (any case), so
 * "ada" finds nothing even though Ada Lovelace acted. It says so, and offers the names of people
 * who acted here lately, one click each.
 */
export function NoActorMatch({ actor, actors, narrowed, onPick }: { actor: string; actors: readonly string[]; narrowed: boolean; onPick: (actor: string) => void }) {
  const id = useId();
  const offered = suggestedActors(actors, actor);
  return (
    <div className="space-y-2 px-4 py-3 text-sm">
      <p className="text-slate-700 dark:text-slate-300">
        No entries by exactly “{actor}”{narrowed ? " with these filters" : ""}. “Who” matches a whole name, in any case.
      </p>
      {offered.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2">
          <span id={id}>People who acted here lately:</span>
          <ul aria-labelledby={id} className="flex flex-wrap gap-2">
            {offered.map((name) => (
              <li key={name}>
                <Button size="sm" onClick={() => onPick(name)}>{name}</Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
