/** One jest run covers unit, contract, CLI and browser tests (see README "Tests"). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests", "<rootDir>/src"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.(t|j)sx?$": ["ts-jest", { tsconfig: { allowJs: true, isolatedModules: true, jsx: "react-jsx", esModuleInterop: true } }],
  },
  // office-addin-mock pulls ESM-only strip-bom and uuid: let ts-jest transpile them.
  transformIgnorePatterns: ["^(?!.*/node_modules/(strip-bom|uuid)/).*/node_modules/"],
  testTimeout: 120000,
};
