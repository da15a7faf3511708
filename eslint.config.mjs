import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import officeAddins from "eslint-plugin-office-addins";

// Microsoft's rules for Office add-ins, at the levels of the plugin's `recommended` config (load before read, sync
// after load, no context.sync in loops, isNullObject tests ...). `npm run lint` fails on warnings too.
const officeRecommended = officeAddins.configs.recommended.find((c) => c.plugins && c.plugins["office-addins"]);
const officeRules = Object.fromEntries(
  Object.entries(officeRecommended.rules).filter(([name]) => name.startsWith("office-addins/")),
);

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "out/", "build/", "coverage/", ".tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Only where the Excel JavaScript API is used; the workbench's and the file adapter's ExcelJS objects are not Office proxies.
  {
    files: ["src/workbook/office.ts", "src/commands/**/*.ts", "src/functions/**/*.ts", "src/taskpane/**/*.{ts,tsx}"],
    ignores: ["src/taskpane/workbench.ts"],
    plugins: { "office-addins": officeAddins },
    rules: officeRules,
  },
  // The plugin recognises a sync only as `context.sync()` (its rules match the name): under any other name it sees no
  // sync at all, and its load-before-read rules report nothing true. The adapter and the commands keep the name.
  {
    files: ["src/workbook/office.ts", "src/commands/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Identifier[name='ctx']",
          message: "Name the request context `context`: eslint-plugin-office-addins finds context.sync() by that name.",
        },
      ],
    },
  },
  // The domain knows nothing of Office, the DOM or Node: core/ imports only core/ and pure libraries.
  {
    files: ["src/core/**/*.ts"],
    languageOptions: { globals: {} },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["../../workbook/*", "../workbook/*", "**/workbook/**", "**/taskpane/**", "**/cli/**", "**/functions/**", "**/commands/**"], message: "core/ imports nothing outside core/" },
            { group: ["fs", "path", "os", "child_process", "node:*", "exceljs", "react", "react-dom", "@fluentui/*"], message: "core/ is pure: no Node, DOM or Office" },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Office", "Excel", "window", "document", "process", "require"],
    },
  },
  { files: ["**/*.js", "**/*.cjs"], languageOptions: { globals: { ...globals.node }, sourceType: "commonjs" }, rules: { "@typescript-eslint/no-require-imports": "off" } },
);
