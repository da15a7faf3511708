/**
 * A schema a user defines: a JSON file (for `bpo-desk validate --schema file.json`) or a "Schema"
 * sheet in the workbook (one row per column). Both are checked with zod, and every problem is
 * reported with where it is and what to write instead.
 *
 * JSON format:
 * {
 *   "name": "vendors",                    // optional; defaults to the file name
 *   "title": "Vendors",                   // optional
 *   "dateOrder": "DMY",                   // optional: DMY (31/03/2025, default) or MDY (03/31/2025)
 *   "columns": [                          // required: one entry per column (a bare array of columns also works)
 *     { "column": "Vendor Code", "type": "text", "required": true, "unique": true,
 *       "pattern": "V\\d{4}", "synonyms": ["Code"], "help": "V and 4 digits" },
 *     { "column": "GSTIN", "type": "gstin" },
 *     { "column": "Amount", "type": "money", "required": true, "min": 0, "max": 1000000 },
 *     { "column": "Bill Date", "type": "date", "min": "2025-04-01" },
 *     { "column": "Status", "type": "list", "list": ["Open", "Closed"] },
 *     { "column": "Vendor", "type": "text", "suggest": true },  // type-ahead over the column's values
 *     { "column": "Terms", "type": "text", "normalize": "upper" }  // "net 45" is stored as "NET 45"
 *   ],
 *   "rules": [                            // optional cross-field rules, by column name
 *     { "type": "notBefore", "column": "Due Date", "other": "Bill Date" },
 *     { "type": "notMore", "column": "Paid", "other": "Amount" },
 *     { "type": "atLeastOne", "columns": ["Due Date", "Terms"] },
 *     { "type": "exactlyOne", "columns": ["Debit", "Credit"] }
 *   ]
 * }
 * Types: text, integer, number, money, percentage, date, timestamp, month, list, yn, gstin, pan, ifsc,
 * uan, iban, email. "pattern" is a regular expression the whole value must match; "list" also accepts
 * one string separated by commas. min/max are numbers (money in rupees, percentages as 0.18) or, for
 * dates, ISO dates "YYYY-MM-DD".
 *
 * Schema sheet: a header row with the columns column, type, required, min, max, pattern, list
 * (optionally unique, help, example); one row per column; required/unique take Y/N, yes/no or TRUE/FALSE.
 */
import { z } from "zod";
import type { CellValue } from "../sheet-spec";
import { serialFromIso } from "../dates";
import { normHeader } from "../table";
import { FIELD_TYPES, type CrossRule, type FieldDef, type FieldType, type TableSchema } from "./fields";

/** A schema definition that cannot be used: the message lists every problem and where it is. */
export class SchemaDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaDefinitionError";
  }
}

const bound = z.union([z.number(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use a number, or a date as YYYY-MM-DD")]);

const columnDef = z.strictObject({
  column: z.string().trim().min(1, "give the column's header"),
  type: z.enum(FIELD_TYPES as [FieldType, ...FieldType[]], {
    error: (iss) => `"${String(iss.input)}" is not a type; use one of ${FIELD_TYPES.join(", ")}`,
  }),
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  min: bound.optional(),
  max: bound.optional(),
  maxLength: z.number().int().positive().optional(),
  pattern: z.string().max(500, "keep the pattern under 500 characters").optional(),
  ignoreCase: z.boolean().optional(),
  example: z.string().optional(),
  list: z.union([z.array(z.string().min(1)).min(1), z.string().min(1)]).optional(),
  synonyms: z.array(z.string()).optional(),
  help: z.string().optional(),
  normalize: z.enum(["upper"], { error: 'use "upper" (or leave normalize out)' }).optional(),
  suggest: z.boolean().optional(),
});

const ruleDef = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("notBefore"), column: z.string(), other: z.string() }),
  z.strictObject({ type: z.literal("notMore"), column: z.string(), other: z.string() }),
  z.strictObject({ type: z.literal("atLeastOne"), columns: z.array(z.string()).min(2) }),
  z.strictObject({ type: z.literal("exactlyOne"), columns: z.array(z.string()).min(2) }),
]);

/** The JSON schema-file format, itself a zod schema. */
export const schemaFile = z.union([
  z.strictObject({
    name: z.string().optional(),
    title: z.string().optional(),
    dateOrder: z.enum(["DMY", "MDY"]).optional(),
    columns: z.array(columnDef).min(1, "list at least one column"),
    rules: z.array(ruleDef).optional(),
  }),
  z.array(columnDef).min(1, "list at least one column"),
]);

export type SchemaFile = z.infer<typeof schemaFile>;

function where(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./, "") || "(top level)"
  );
}

/** zod issues as one message per line: "columns[2].type: "monie" is not a type; use one of ...". */
function describeIssues(error: z.ZodError, origin: string): string {
  const lines = error.issues.slice(0, 10).map((i) => {
    if (i.code === "invalid_union" && "errors" in i) {
      // Report the branch the user was aiming at: the object form when they gave an object.
      const deepest = (i.errors as z.core.$ZodIssue[][]).sort((a, b) => b.length - a.length).flat()[0];
      if (deepest) return `${where([...i.path, ...deepest.path])}: ${deepest.message}`;
    }
    return `${where(i.path)}: ${i.message}`;
  });
  return `${origin} is not a valid schema:\n  ${lines.join("\n  ")}`;
}

/** Parse a JSON schema file's text into a TableSchema; SchemaDefinitionError says what to fix. */
export function schemaFromJson(text: string, origin = "the schema file", defaultName = "custom"): TableSchema {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SchemaDefinitionError(`${origin} is not valid JSON (${(e as Error).message}); check commas and quotes`);
  }
  if (data && typeof data === "object" && !Array.isArray(data)) {
    // Pick the object branch for messages (a union would otherwise report both branches).
    const r = (schemaFile.options[0] as z.ZodType).safeParse(data);
    if (!r.success) throw new SchemaDefinitionError(describeIssues(r.error, origin));
    return toSchema(r.data as SchemaFile, origin, defaultName);
  }
  const r = schemaFile.safeParse(data);
  if (!r.success) throw new SchemaDefinitionError(describeIssues(r.error, origin));
  return toSchema(r.data, origin, defaultName);
}

const SHEET_COLUMNS = [
  "column",
  "type",
  "required",
  "unique",
  "min",
  "max",
  "maxLength",
  "pattern",
  "list",
  "example",
  "help",
  "synonyms",
] as const;

/** Read a "Schema" sheet (header row + one row per column) into a TableSchema. */
export function schemaFromRows(
  headers: readonly string[],
  rows: readonly CellValue[][],
  origin = "the Schema sheet",
  firstRow = 2,
): TableSchema {
  const idx = new Map(headers.map((h, i) => [normHeader(h), i]));
  if (!idx.has("column") || !idx.has("type"))
    throw new SchemaDefinitionError(
      `${origin} needs a header row with at least "column" and "type" (and optionally required, min, max, pattern, list)`,
    );
  const problems: string[] = [];
  const columns: unknown[] = [];
  rows.forEach((row, i) => {
    if (row.every((c) => c === null || String(c).trim() === "")) return;
    const o: Record<string, unknown> = {};
    for (const k of SHEET_COLUMNS) {
      const j = idx.get(normHeader(k));
      if (j === undefined) continue;
      const v = row[j];
      if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) continue;
      if (k === "required" || k === "unique") {
        const t = String(v).trim().toLowerCase();
        if (["y", "yes", "true", "1"].includes(t)) o[k] = true;
        else if (["n", "no", "false", "0"].includes(t)) o[k] = false;
        else problems.push(`row ${firstRow + i}, ${k}: "${String(v)}" should be Y or N`);
      } else if (k === "min" || k === "max" || k === "maxLength") {
        o[k] =
          typeof v === "number"
            ? v
            : /^-?\d+(\.\d+)?$/.test(String(v).trim())
              ? Number(String(v).trim())
              : String(v).trim();
      } else if (k === "synonyms")
        o[k] = String(v)
          .split(/[;,]/)
          .map((s) => s.trim())
          .filter(Boolean);
      else o[k] = typeof v === "string" ? v.trim() : String(v);
    }
    if (typeof o.type === "string") o.type = o.type.toLowerCase();
    columns.push(o);
    const r = columnDef.safeParse(o);
    if (!r.success)
      for (const iss of r.error.issues)
        problems.push(`row ${firstRow + i}${iss.path.length ? `, ${where(iss.path)}` : ""}: ${iss.message}`);
  });
  if (!columns.length) problems.push("it lists no columns; add one row per column");
  if (problems.length)
    throw new SchemaDefinitionError(`${origin} is not a valid schema:\n  ${problems.slice(0, 10).join("\n  ")}`);
  return toSchema({ columns: columns as z.infer<typeof columnDef>[] }, origin, "custom");
}

function toSchema(file: SchemaFile, origin: string, defaultName: string): TableSchema {
  const obj = Array.isArray(file) ? { columns: file } : file;
  const problems: string[] = [];
  const seen = new Set<string>();
  const keyOf = new Map<string, string>();
  const fields: FieldDef[] = obj.columns.map((c, i) => {
    const at = `columns[${i}] (${c.column})`;
    const n = normHeader(c.column);
    if (seen.has(n)) problems.push(`${at}: the column "${c.column}" is listed twice`);
    seen.add(n);
    const key = `c${i}_${n}`;
    keyOf.set(n, key);
    const toBound = (b: number | string | undefined, which: string): number | undefined => {
      if (b === undefined) return undefined;
      if (typeof b === "number") return b;
      const s = serialFromIso(b);
      if (s === null || (c.type !== "date" && c.type !== "timestamp"))
        problems.push(
          `${at}.${which}: "${b}" — use a number${c.type === "date" || c.type === "timestamp" ? " or a real date" : ""}`,
        );
      return s ?? undefined;
    };
    const list =
      typeof c.list === "string"
        ? c.list
            .split(/[,;]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : c.list;
    if (c.type === "list" && !list?.length) problems.push(`${at}: a list column needs "list" with the allowed values`);
    if (c.pattern !== undefined) {
      try {
        new RegExp(c.pattern, "u");
      } catch (e) {
        problems.push(`${at}.pattern: not a valid regular expression (${(e as Error).message})`);
      }
    }
    const min = toBound(c.min, "min");
    const max = toBound(c.max, "max");
    if (min !== undefined && max !== undefined && min > max) problems.push(`${at}: min is more than max`);
    const def: FieldDef = {
      key,
      column: c.column.trim(),
      type: c.type,
      ...(c.synonyms ? { synonyms: c.synonyms } : {}),
      ...(c.required ? { required: true } : {}),
      ...(c.unique ? { unique: true } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}),
      ...(c.pattern !== undefined ? { pattern: c.pattern } : {}),
      ...(c.ignoreCase ? { ignoreCase: true } : {}),
      ...(c.example !== undefined ? { example: c.example } : {}),
      ...(list ? { list } : {}),
      ...(c.help !== undefined ? { help: c.help } : {}),
      ...(c.normalize ? { normalize: c.normalize } : {}),
      ...(c.suggest ? { suggest: true } : {}),
    };
    return def;
  });
  const ref = (name: string, at: string): string => {
    const k = keyOf.get(normHeader(name));
    if (!k) problems.push(`${at}: "${name}" is not one of the columns`);
    return k ?? name;
  };
  const rules: CrossRule[] = (Array.isArray(file) ? [] : (file.rules ?? [])).map((r, i) => {
    const at = `rules[${i}]`;
    if (r.type === "notBefore" || r.type === "notMore")
      return { type: r.type, field: ref(r.column, at), other: ref(r.other, at) };
    return { type: r.type, fields: r.columns.map((c) => ref(c, at)) };
  });
  if (problems.length)
    throw new SchemaDefinitionError(`${origin} is not a valid schema:\n  ${problems.slice(0, 10).join("\n  ")}`);
  const name = (!Array.isArray(file) && file.name) || defaultName;
  return {
    name,
    title: (!Array.isArray(file) && file.title) || name,
    fields,
    rules,
    ...(!Array.isArray(file) && file.dateOrder ? { dateOrder: file.dateOrder } : {}),
  };
}
