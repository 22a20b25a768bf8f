// The triage view's limits (shared/triage.ts), in a module of their own: the SPA's route checks its
// URL against them in the initial bundle, which the triage schemas stay out of.

/** Shorter searches would match most of a fleet: the proxy refuses them (400 InvalidQuery). */
export const TRIAGE_QUERY_MIN = 2;
/** Longer ones are refused too; the search box and the URL hold no more. */
export const TRIAGE_QUERY_MAX = 128;
/** Most rows one answer carries (the most severe first); `truncated` says when more matched. */
export const TRIAGE_ROW_LIMIT = 500;
