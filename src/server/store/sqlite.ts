import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Opens (creating if needed) a SQLite file and brings it to the last of `migrations` (user_version
 * counts those applied). WAL + synchronous=FULL: each committed write survives a killed process and
 * a power cut; the cost (one fsync per write) is nothing next to an upstream round trip.
 */
export function openSqlite(file: string, migrations: readonly string[]): Database.Database {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  const version = db.pragma("user_version", { simple: true }) as number;
  db.transaction(() => {
    for (const sql of migrations.slice(version)) db.exec(sql);
    db.pragma(`user_version = ${migrations.length}`);
  })();
  return db;
}
