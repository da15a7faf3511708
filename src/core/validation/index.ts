/** Validated data entry and batch validation: field descriptions, built-in schemas, checks. */
export * from "./fields";
export * from "./identifiers";
export * from "./schemas";
export * from "./validate";
export * from "./zod";
export * from "./custom";
export * from "./recall";
