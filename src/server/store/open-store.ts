import { ConfigError } from "../config-error.ts";
import { openPostgresStore } from "./postgres-store.ts";
import { openSqliteStore } from "./sqlite-store.ts";
import type { Store, StoreLog } from "./types.ts";

export interface StoreConfig {
  /** ROLECALL_DATABASE_URL: unset or empty = the SQLite files in `dataDir`; postgres://… = PostgreSQL. */
  databaseUrl?: string;
  /** ROLECALL_DATA_DIR: where the SQLite files live when no database URL is set. */
  dataDir: string;
  log?: StoreLog;
}

export type StoreChoice = { kind: "sqlite" } | { kind: "postgres"; url: string };

/**
 * Which store ROLECALL_DATABASE_URL asks for; throws a ConfigError naming the variable when it is
 * neither unset nor a PostgreSQL URL (and never repeats the value: it may hold a password).
 */
export function storeChoice(databaseUrl: string | undefined): StoreChoice {
  const raw = databaseUrl?.trim() ?? "";
  if (raw === "") return { kind: "sqlite" };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== "postgres" && scheme !== "postgresql") {
    throw new ConfigError(`ROLECALL_DATABASE_URL must be unset (SQLite in the data dir) or a postgres://user:password@host:port/database URL; it has ${scheme ? `the scheme "${scheme}:"` : "no scheme"}.`);
  }
  let host = "";
  try {
    host = new URL(raw).hostname;
  } catch {
    throw new ConfigError("ROLECALL_DATABASE_URL is not a valid URL (a password with @, : or / must be percent-encoded).");
  }
  // libpq allows the host in ?host= (a socket directory); otherwise it must be in the URL.
  if (!host && !/[?&]host=/.test(raw)) throw new ConfigError("ROLECALL_DATABASE_URL names no host: postgres://user:password@host:port/database.");
  return { kind: "postgres", url: raw };
}

/** Opens the store ROLECALL_DATABASE_URL names (see storeChoice), migrations applied. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const choice = storeChoice(config.databaseUrl);
  return choice.kind === "postgres" ? openPostgresStore({ url: choice.url, log: config.log }) : openSqliteStore(config.dataDir);
}
