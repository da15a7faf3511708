/** Report builders: pure functions from source tables to a SheetSpec and the key figures `report --json` prints. */
export * from "./layout";
export * from "./inputs";
export * from "./aging";
export * from "./payroll";
export * from "./sla";
export * from "./quality";
export * from "./brs";
