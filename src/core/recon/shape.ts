/**
 * A statement or ledger as the Bank and Ledger schemas read it (shared/spec/cli.md, "The workbook shapes"),
 * laid out by the same detector reconcile uses, so `validate --schema bank|ledger` recognises every file
 * reconcile reads: the rows that are not transactions are left out (blanked, so the validator skips them
 * and row numbers stay worksheet rows), each mapped column carries its canonical header (Completed Date
 * is the Date, Debit (RM) the Withdrawal, entry_type the Dr/Cr mark), text dates are read in the order the
 * column proves, decimal-comma amounts as the column writes them. Column positions never move, so a
 * finding's cell is the source's cell. The source table is not modified.
 */
import type { CellValue } from "../sheet-spec";
import { normHeader, type TableData } from "../table";
import { parseAmount } from "../money";
import { parseDate } from "../dates";
import type { CrossRule, FieldDef, TableSchema } from "../validation/fields";
import { bankSchema, ledgerSchema } from "../validation/schemas";
import { ROW_TRANSACTION, detectStatement, type RowIssue, type StatementLayout } from "./detect";
import type { SideColumns } from "./rules";

export type StatementShape = "bank" | "ledger";

const CANONICAL: Record<StatementShape, Record<string, string>> = {
  bank: {
    date: "Date",
    description: "Narration",
    reference: "Ref No",
    amountIn: "Deposit",
    amountOut: "Withdrawal",
    amount: "Signed Amount",
    indicator: "Dr/Cr",
    balance: "Balance",
  },
  ledger: {
    date: "Date",
    description: "Particulars",
    reference: "Voucher No",
    amountIn: "Debit",
    amountOut: "Credit",
    amount: "Signed Amount",
    indicator: "Dr/Cr",
    balance: "Balance",
  },
};

/** The schema's field for one signed amount (a single Amount column with its sign or a Dr/Cr mark). */
const SIGNED_AMOUNT: FieldDef = {
  key: "amount",
  column: "Signed Amount",
  type: "money",
  help: "One amount with its sign, or with a Dr/Cr mark beside it, instead of a pair of columns.",
};

export interface StatementShapeView {
  /** The table as the schema reads it (same rows and columns as the source). */
  table: TableData;
  /** The schema to check it with: the given one, or, for a single signed amount, one that accepts it. */
  schema: TableSchema;
  layout: StatementLayout;
  /** Rows left out (not transactions) and column-level findings, as reconcile reports them. */
  excluded: RowIssue[];
  warnings: RowIssue[];
}

/**
 * The view of a table a Bank or Ledger schema checks, or null when the detector finds no date and amount
 * columns in it (the caller then checks the table as it stands and reports the missing columns).
 */
export function statementShapeView(
  table: TableData,
  shape: StatementShape,
  schema: TableSchema,
  overrides: SideColumns = {},
): StatementShapeView | null {
  let layout: StatementLayout;
  try {
    layout = detectStatement(table, overrides, { side: "left", label: table.name });
  } catch {
    return null;
  }
  const m = layout.mapping;
  if (m.date < 0) return null;
  const names = CANONICAL[shape];
  const headers = table.headers.slice();
  const mapped = new Map<number, string>();
  for (const [field, canonical] of Object.entries(names)) {
    const i = (m as unknown as Record<string, number>)[field];
    if (i >= 0) mapped.set(i, canonical);
  }
  const taken = new Set([...mapped.values()].map(normHeader));
  headers.forEach((h, i) => {
    const c = mapped.get(i);
    if (c) headers[i] = c;
    // A column that merely shares a canonical name with a mapped one must not be bound in its place.
    else if (taken.has(normHeader(h))) headers[i] = `${h} (not used)`;
  });
  const order = layout.proofs.date.order;
  const comma = layout.proofs.decimalComma;
  const rows: CellValue[][] = table.rows.map((r, i) => {
    if (layout.rowKind[i] !== ROW_TRANSACTION) return r.map(() => null);
    const out = r.slice();
    const pd = parseDate(r[m.date] ?? null, order);
    if (pd.ok && typeof r[m.date] === "string") out[m.date] = pd.serial;
    else if (!pd.ok && pd.empty && m.dateFallback >= 0) {
      // Not completed yet (Revolut's pending rows): dated by their Started Date, as reconcile dates them.
      const pf = parseDate(r[m.dateFallback] ?? null, order);
      if (pf.ok) out[m.date] = pf.serial;
    }
    for (const c of comma) {
      const p = parseAmount(r[c] ?? null, { decimalComma: true });
      if (p.ok) out[c] = p.cents / 100;
    }
    return out;
  });
  let checked = schema;
  if (m.amount >= 0) {
    const pair = shape === "bank" ? ["withdrawal", "deposit"] : ["debit", "credit"];
    checked = {
      ...schema,
      fields: [...schema.fields, SIGNED_AMOUNT],
      rules: (schema.rules ?? []).map((r): CrossRule =>
        r.type === "exactlyOne" && r.fields.length === 2 && r.fields.every((f) => pair.includes(f))
          ? { type: "exactlyOne", fields: [...r.fields, "amount"] }
          : r,
      ),
    };
  }
  return {
    table: { ...table, headers, rows },
    schema: checked,
    layout,
    excluded: layout.excluded,
    warnings: layout.warnings,
  };
}

/** The statement shape a built-in schema checks ("bank", "ledger"), or null for the others (custom schemas too). */
export function shapeOfSchema(schema: TableSchema): StatementShape | null {
  return schema === bankSchema ? "bank" : schema === ledgerSchema ? "ledger" : null;
}
