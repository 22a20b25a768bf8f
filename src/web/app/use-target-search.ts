import { useSearchState, type SetSearch } from "../lib/router.tsx";
import { deploymentSearchSchema, type DeploymentSearch } from "./search.ts";

export type SetTargetSearch = SetSearch<DeploymentSearch>;

/**
 * The view state of the target page in the URL, on whichever target route is open: every target
 * route reads the same `deploymentSearchSchema`. Filters replace the history entry; opening an
 * instance (`push`) adds one, so Back closes it.
 */
export function useTargetSearch(): { search: DeploymentSearch; setSearch: SetTargetSearch } {
  const [search, setSearch] = useSearchState(deploymentSearchSchema);
  return { search, setSearch };
}
