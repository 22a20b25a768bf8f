export * from "./names.ts";
export type * from "./domain.ts";
export * from "./status-catalog.ts";
export * from "./availability.ts";
export * from "./api-schemas.ts";
