/**
 * An Excel-style error raised by a domain function: the shells turn it into
 * CustomFunctions.Error (inside Excel) or {"error": code, "message": ...} with exit 1 (CLI).
 * The message names the parameter and what was expected, so the user knows what to fix:
 * new ExcelError("#VALUE!", "rate: expected a percentage between 0 and 1, got 18 — did you mean 18%?")
 */
export type ExcelErrorCode = "#VALUE!" | "#NUM!" | "#N/A" | "#DIV/0!" | "#REF!" | "#NAME?" | "#NULL!";

export class ExcelError extends Error {
  constructor(
    readonly code: ExcelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ExcelError";
  }
}

export const valueError = (message: string) => new ExcelError("#VALUE!", message);
export const numError = (message: string) => new ExcelError("#NUM!", message);
export const naError = (message: string) => new ExcelError("#N/A", message);
