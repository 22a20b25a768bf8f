import { useNavigate, useSearch } from "@tanstack/react-router";
import { useCallback } from "react";
import type { DeploymentSearch } from "./search.ts";

type Patch = Partial<DeploymentSearch>;
export type SetTargetSearch = (patch: Patch | ((prev: DeploymentSearch) => Patch), how?: { push: boolean }) => void;

/**
 * The view state of the target page in the URL, on whichever target route is open: every target
 * route validates the same `deploymentSearchSchema`. Filters replace the history entry; opening an
 * instance (`push`) adds one, so Back closes it.
 */
export function useTargetSearch(): { search: DeploymentSearch; setSearch: SetTargetSearch } {
  const search: DeploymentSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const setSearch = useCallback<SetTargetSearch>(
    (patch, how) =>
      void navigate({
        to: ".",
        search: (prev: DeploymentSearch) => ({ ...prev, ...(typeof patch === "function" ? patch(prev) : patch) }),
        replace: !how?.push,
      }),
    [navigate],
  );
  return { search, setSearch };
}
