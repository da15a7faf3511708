/**
 * The zod schema of a table's record, derived from its field descriptions. It is the source of truth
 * for the record's TypeScript type (`TableRecord<typeof invoicesSchema>` = `z.infer` of it) and the
 * entry form's final gate before anything is written: every field carries the same compiled checker
 * the batch validator uses (as a refinement), so zod and the batch path can never disagree.
 *
 * A record holds values as they are written to the sheet: text, numbers (amounts in rupees, dates and
 * timestamps as Excel serials), "Y"/"N", list values in their canonical spelling; null for a blank.
 */
import { z } from "zod";
import type { CellValue } from "../sheet-spec";
import {
  compileField,
  crossIssue,
  fieldMap,
  type CheckOptions,
  type FieldDef,
  type FieldType,
  type TableSchema,
} from "./fields";

type NumericType = "integer" | "number" | "money" | "percentage" | "date" | "timestamp";

/** The zod type of one field's value, by its description. */
type ZodOfField<F extends FieldDef> = F["type"] extends NumericType
  ? z.ZodNumber
  : F["type"] extends "yn"
    ? z.ZodEnum<{ Y: "Y"; N: "N" }>
    : F extends { type: "list"; list: readonly (infer L extends string)[] }
      ? z.ZodEnum<{ [K in L]: K }>
      : z.ZodString;

type FieldShape<Fs extends readonly FieldDef[]> = {
  [F in Fs[number] as F["key"]]: F["required"] extends true ? ZodOfField<F> : z.ZodNullable<ZodOfField<F>>;
};

export type RecordSchema<S extends TableSchema> = z.ZodObject<FieldShape<S["fields"]>>;

/** The typed record of a schema: TableRecord<typeof invoicesSchema> has invoiceNo: string, amount: number ... */
export type TableRecord<S extends TableSchema> = z.infer<RecordSchema<S>>;

const NUMERIC: ReadonlySet<FieldType> = new Set(["integer", "number", "money", "percentage", "date", "timestamp"]);

function baseZod(f: FieldDef): z.ZodType {
  if (NUMERIC.has(f.type)) return z.number({ error: `${f.column} should be a number` });
  if (f.type === "yn") return z.enum(["Y", "N"], { error: `${f.column} should be Y or N` });
  if (f.type === "list" && f.list?.length)
    return z.enum(f.list as [string, ...string[]], { error: `${f.column} should be one of ${f.list.join(", ")}` });
  return z.string({ error: `${f.column} should be text` });
}

/**
 * Build the zod object of a schema. Each field is its base type refined by the field's compiled checker
 * (the value must come back unchanged: already normalised); cross-field rules are a superRefine.
 */
export function recordSchema<S extends TableSchema>(schema: S, options: CheckOptions = {}): RecordSchema<S> {
  const shape: Record<string, z.ZodType> = {};
  for (const f of schema.fields) {
    const check = compileField(f, options);
    const refined = baseZod(f).superRefine((v, ctx) => {
      const r = check(v as CellValue);
      if (!r.ok) ctx.addIssue({ code: "custom", message: r.issue.message, params: { rule: r.issue.rule } });
    });
    shape[f.key] = f.required ? refined : refined.nullable();
  }
  const fields = fieldMap(schema);
  const checkers = new Map(schema.fields.map((f) => [f.key, compileField(f, options)]));
  return z.object(shape).superRefine((rec, ctx) => {
    const r = rec as Record<string, CellValue>;
    for (const rule of schema.rules ?? []) {
      const issue = crossIssue(rule, fields, (k) => checkers.get(k)?.(r[k] ?? null));
      if (issue)
        ctx.addIssue({
          code: "custom",
          message: issue.message,
          path: [rule.type === "notBefore" || rule.type === "notMore" ? rule.field : rule.fields[0]],
        });
    }
  }) as unknown as RecordSchema<S>;
}
