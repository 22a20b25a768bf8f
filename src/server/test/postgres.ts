import { execFile, execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

// A throwaway PostgreSQL server for tests (and the bench): Debian's PostgreSQL 15 binaries, a
// cluster in a temp dir, on a free port of 127.0.0.1, durability off (fsync=off: nothing here must
// survive a power cut, and it makes initdb and every commit fast). Real server, nothing mocked.

const exec = promisify(execFile);

/** Debian's layout: 15 (Debian 12's) when present, else the newest major version installed. */
function findBin(): string {
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, "bin", "initdb"))) : [];
  const major = majors.includes("15") ? "15" : majors.sort((a, b) => Number(b) - Number(a))[0];
  return join(root, major ?? "15", "bin");
}

export const PG_BIN = process.env.ROLECALL_TEST_PG_BIN ?? findBin();
const INSTALL = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql";

export interface PostgresCluster {
  port: number;
  /** initdb + start, in milliseconds. */
  startupMs: number;
  url(database: string): string;
  /** A new, empty database; its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server at once and removes its files. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function postgresUser(): { uid: number; gid: number } {
  try {
    return { uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })), gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })) };
  } catch {
    throw new Error(`There is no "postgres" user to run PostgreSQL as (it refuses to run as root). Debian's package makes it: ${INSTALL}`);
  }
}

/**
 * Starts a cluster. Throws, naming the apt-get command, when the binaries are missing: the store
 * tests are required, so they fail rather than skip. `durable`: keep PostgreSQL's default flushing
 * (for the bench, so that its figures include a commit's fsync as in production).
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const started = performance.now();
  if (!existsSync(join(PG_BIN, "initdb")) || !existsSync(join(PG_BIN, "pg_ctl"))) {
    throw new Error(`PostgreSQL is not installed (no ${PG_BIN}/initdb), and the store tests run against a real server. Install it with: ${INSTALL}`);
  }
  // PostgreSQL refuses to run as root: then the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : undefined;
  const dir = mkdtempSync(join(tmpdir(), "rolecall-pg-"));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  const run = (tool: string, args: string[]) =>
    asRoot ? exec("runuser", ["-u", "postgres", "--", join(PG_BIN, tool), ...args], { cwd: dir }) : exec(join(PG_BIN, tool), args, { cwd: dir });
  const stopNow = () => {
    spawnSync(asRoot ? "runuser" : join(PG_BIN, "pg_ctl"), [...(asRoot ? ["-u", "postgres", "--", join(PG_BIN, "pg_ctl")] : []), "stop", "-D", data, "-m", "immediate", "-s"], { cwd: dir, stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  };

  let port = 0;
  try {
    await run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]);
    // Another process may take the free port before the server binds it: then try another.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const fast = options.durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
      const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fast}`;
      try {
        await run("pg_ctl", ["start", "-D", data, "-w", "-t", "30", "-s", "-l", log, "-o", settings]);
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  } catch (err) {
    const serverLog = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
    stopNow();
    throw new Error(`could not start a test PostgreSQL: ${err instanceof Error ? err.message : String(err)}\n${serverLog}`, { cause: err });
  }
  // A test run that dies without its afterAll still leaves no server behind.
  process.once("exit", stopNow);
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    startupMs: Math.round(performance.now() - started),
    url,
    async createDatabase() {
      const name = `t_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url("postgres") });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    async stop() {
      process.removeListener("exit", stopNow);
      await run("pg_ctl", ["stop", "-D", data, "-m", "immediate", "-s"]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
