/** Reconciliation engine: match two tables, explain every match (see engine.ts for the passes). */
export * from "./rules";
export * from "./columns";
export * from "./engine";
export * from "./result";
export * from "./sheets";
export { jaroWinkler, jaccard, isTransposition, normRef } from "./text";
