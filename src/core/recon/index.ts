/** Reconciliation engine: read each side (detect.ts, columns.ts), match two tables (engine.ts), explain every match, categorise what is left (categories.ts), remember layouts (profile.ts). */
export * from "./rules";
export * from "./detect";
export * from "./columns";
export * from "./engine";
export * from "./result";
export * from "./categories";
export * from "./profile";
export * from "./shape";
export * from "./sheets";
export { jaroWinkler, jaccard, isTransposition, normRef } from "./text";
