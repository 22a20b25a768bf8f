// `npm run dev`: the proxy + embedded emulator on :8080 and Vite with hot reload in front of them.
// The page then comes from Vite's origin, which the proxy must accept for actions.
import { spawn } from "node:child_process";

const children = [
  spawn(process.execPath, ["--import", "tsx", "src/launch/start.ts"], { stdio: "inherit", env: { ...process.env, ROLECALL_PORT: process.env.ROLECALL_PORT ?? "8080", ROLECALL_ALLOWED_ORIGINS: process.env.ROLECALL_ALLOWED_ORIGINS ?? "http://127.0.0.1:5173" } }),
  spawn(process.execPath, ["node_modules/vite/bin/vite.js"], { stdio: "inherit" }),
];
const stop = () => children.forEach((child) => child.kill("SIGTERM"));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", (code) => { stop(); process.exitCode = code ?? 0; });
