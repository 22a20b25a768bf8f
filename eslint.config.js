import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import pluginQuery from "@tanstack/eslint-plugin-query";

// Classic zod's methods cannot be tree-shaken: one value import in code the browser loads (even a lazy
// page) adds ~6 KB brotli to the deep link (bench "wire"). Types are free.
const classicZod = { name: "zod", message: 'Use "zod/mini" in code the browser loads.', allowTypeImports: true };

export default tseslint.config(
  { ignores: ["dist", "node_modules", "test-results", "playwright-report", "e2e-artifacts", "data"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: {
      ecmaVersion: 2023,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-confusing-void-expression": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/web/**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks, "@tanstack/query": pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
      "@typescript-eslint/no-restricted-imports": ["error", { paths: [classicZod], patterns: [{ group: ["**/server/**", "**/emulator/**"], message: "The SPA talks to /api only." }] }],
    },
  },
  {
    files: ["src/server/**/*.ts", "src/emulator/**/*.ts", "src/launch/**/*.ts", "e2e/**/*.ts", "bench/**/*.ts", "*.config.ts"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["src/shared/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { paths: [classicZod], patterns: [{ group: ["node:*", "react", "react-dom", "**/web/**", "**/server/**", "**/emulator/**"], message: "src/shared is pure: no Node, DOM or React imports." }] }],
    },
  },
  {
    files: ["src/server/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/emulator/**", "**/web/**"], message: "The server never imports the emulator or the SPA." },
            // Calls ARM itself (one pinned api-version); the SDK is a test client of the emulator only.
            { group: ["@azure/arm-*"], message: "The server calls ARM directly; @azure/arm-* is a test client only." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/emulator/**/*.ts", "src/launch/**/*.ts"],
    ignores: ["**/test/**", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@azure/arm-*"], message: "@azure/arm-* is a test client of the emulator only." }] }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
