// What the bundle gets for "use-sync-external-store/shim" (wouter imports it; vite.config.ts): React
// 19 has the hook built in, and the shim's fallback for React 17 and older would only add bytes.
export { useSyncExternalStore } from "react";
