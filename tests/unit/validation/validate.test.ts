import type { CellValue } from "../../../src/core/sheet-spec";
import type { TableData } from "../../../src/core/table";
import { generateSample, sampleTables } from "../../../src/core/sample";
import {
  BUILT_IN_SCHEMAS,
  SchemaDefinitionError,
  SchemaMismatchError,
  checkRecord,
  detectSchema,
  invoicesSchema,
  recordSchema,
  schemaFromJson,
  schemaFromRows,
  validateTable,
  type TableRecord,
} from "../../../src/core/validation";
import { serialFromYmd } from "../../../src/core/dates";
import { sheetTable } from "../tables";

const table = (headers: string[], rows: CellValue[][], firstRow = 2): TableData =>
  sheetTable("T", headers, rows, { sheet: "Sheet1", firstRow });

const INV = ["Invoice No", "Customer", "Customer GSTIN", "Invoice Date", "Due Date", "Amount", "Paid"];

describe("validateTable", () => {
  it("reports worksheet rows and columns, skips blank rows, and says what to fix", () => {
    const t = table(INV, [
      ["INV-1", "Acme", "27AAPFU0939F1ZV", "15/03/2025", "14/04/2025", "1,23,456.50", 0],
      [null, null, null, null, null, null, null],
      ["INV-2", "Acme", "27AAPFU0939F1ZZ", "15/03/2025", "01/03/2025", 1000, 1200],
      ["inv-1", "Beta", null, 45731, 45761, 10, null],
    ]);
    const r = validateTable(t, invoicesSchema);
    expect(r.rows).toBe(3);
    expect(r.valid).toBe(1);
    expect(r.invalid.map((f) => [f.row, f.column, f.rule])).toEqual([
      [4, "Customer GSTIN", "gstin"],
      [4, "Due Date", "cross"],
      [4, "Paid", "cross"],
      [5, "Invoice No", "unique"],
    ]);
    expect(r.invalid[0].message).toBe(
      "Customer GSTIN 27AAPFU0939F1ZZ: check character should be 'V', got 'Z' — re-check the last character",
    );
    expect(r.invalid[1].message).toBe("Due Date 2025-03-01 is before Invoice Date 2025-03-15");
    expect(r.invalid[2].message).toBe("Paid 1,200.00 is more than Amount 1,000.00");
    expect(r.invalid[3].message).toMatch(/already used on row 2/);
    expect(r.invalid[0]).toMatchObject({ sheet: "Sheet1", value: "27AAPFU0939F1ZZ", col: 3 });
  });

  it("finds columns by synonyms and honours the table's position on the sheet", () => {
    const t: TableData = {
      ...table(
        ["invoice #", "CLIENT", "Inv Date", "Payment Terms", "Invoice Value"],
        [["A1", "X", "2025-03-01", "NET 30", "abc"]],
      ),
      firstRow: 11,
      firstColumn: 3,
    };
    const r = validateTable(t, invoicesSchema);
    expect(r.invalid).toEqual([expect.objectContaining({ row: 11, column: "Amount", col: 7, rule: "type" })]);
  });

  it("a missing required column is one finding on the header row, and no row is valid", () => {
    const r = validateTable(
      table(["Invoice No", "Customer", "Due Date", "Amount"], [["A", "B", 45800, 10]]),
      invoicesSchema,
    );
    expect(r.invalid).toEqual([expect.objectContaining({ row: 1, column: "Invoice Date", rule: "missing-column" })]);
    expect(r.valid).toBe(0);
  });

  it("a table with neither Due Date nor Terms cannot say when invoices are due", () => {
    const r = validateTable(
      table(["Invoice No", "Customer", "Invoice Date", "Amount"], [["A", "B", 45800, 10]]),
      invoicesSchema,
    );
    expect(r.invalid).toEqual([
      expect.objectContaining({
        row: 1,
        column: "Due Date",
        rule: "missing-column",
        message: "The table needs a Due Date or Terms column — add one of them",
      }),
    ]);
    expect(r.valid).toBe(0);
  });

  it("refuses a table that has none of the schema's columns", () => {
    expect(() => validateTable(table(["Foo", "Bar"], [[1, 2]]), invoicesSchema)).toThrow(SchemaMismatchError);
  });

  it("bank and ledger lines need exactly one of the two amounts; work items finish after they start", () => {
    const bank = validateTable(
      table(
        ["Date", "Narration", "Ref No", "Withdrawal", "Deposit", "Balance"],
        [
          [45931, "NEFT", "U1", 100, 50, 0],
          [45931, "NEFT", "U2", null, null, 0],
          [45931, "NEFT", "U3", null, 50, -20],
        ],
      ),
      BUILT_IN_SCHEMAS.bank,
    );
    expect(bank.invalid.map((f) => [f.row, f.message])).toEqual([
      [2, "Fill in only one of Withdrawal and Deposit, not both"],
      [3, "Fill in Withdrawal or Deposit"],
    ]);
    // ICICI-style exports write 0.00 in the column a row does not use: a zero fills nothing.
    const zeros = validateTable(
      table(
        ["Date", "Narration", "Ref No", "Withdrawal", "Deposit", "Balance"],
        [
          [45931, "NEFT", "U1", "0.00", "1,25,000.00", 0],
          [45931, "CHQ", "U2", "45,000.00", 0, 0],
          [45931, "INFO", "U3", 0, 0, 0],
          [45931, "NEFT", "U4", "10.00", "20.00", 0],
        ],
      ),
      BUILT_IN_SCHEMAS.bank,
    );
    expect(zeros.invalid.map((f) => [f.row, f.message])).toEqual([
      [5, "Fill in only one of Withdrawal and Deposit, not both"],
    ]);
    const wi = validateTable(
      table(
        ["Item ID", "Process", "Agent", "Received", "Completed", "SLA Hours", "QC Result"],
        [["WI-1", "AP", "Asha", "2025-10-03 14:00", "2025-10-03 09:30", 8, "Pass"]],
      ),
      BUILT_IN_SCHEMAS.workitems,
    );
    expect(wi.invalid.map((f) => f.message)).toEqual([
      "Completed 2025-10-03T09:30 is before Received 2025-10-03T14:00",
    ]);
  });

  it("the whole sample workbook is valid (it is generated to the rules)", () => {
    for (const t of sampleTables(generateSample())) {
      const schema = detectSchema(t.headers);
      expect(schema?.name).toBe(t.name.toLowerCase());
      const r = validateTable(table(t.headers, t.rows), schema!);
      expect(r.invalid).toEqual([]);
      expect(r.valid).toBe(t.rows.length);
    }
  });
});

describe("detectSchema", () => {
  it("recognises each shape of the contract by its headers and nothing else", () => {
    expect(detectSchema(["Date", "Narration", "Ref No", "Withdrawal", "Deposit", "Balance"])?.name).toBe("bank");
    expect(detectSchema(["Date", "Voucher No", "Particulars", "Debit", "Credit"])?.name).toBe("ledger");
    expect(detectSchema(["Payment Date", "Customer", "Reference", "Amount"])?.name).toBe("payments");
    expect(detectSchema(["Employee ID", "Month", "Days Paid", "Days In Month"])?.name).toBe("attendance");
    // A bank export that says Debit/Credit is still a bank statement; a ledger stays a ledger.
    expect(detectSchema(["Txn Date", "Description", "Chq/Ref No", "Debit", "Credit", "Balance"])?.name).toBe("bank");
    expect(detectSchema(["Voucher Date", "Voucher No", "Particulars", "Dr", "Cr"])?.name).toBe("ledger");
    expect(detectSchema(["Name", "Phone"])).toBeNull();
  });
});

describe("the zod schema is derived from the same field descriptions", () => {
  const zInvoice = recordSchema(invoicesSchema);
  it("types the record and agrees with the batch checkers", () => {
    const good: TableRecord<typeof invoicesSchema> = {
      invoiceNo: "INV-1",
      customer: "Acme",
      customerGstin: "27AAPFU0939F1ZV",
      invoiceDate: serialFromYmd(2025, 3, 15),
      dueDate: serialFromYmd(2025, 4, 14),
      terms: null,
      amount: 1000,
      paid: 0,
    };
    expect(zInvoice.safeParse(good).success).toBe(true);
    const bad = zInvoice.safeParse({ ...good, customerGstin: "27AAPFU0939F1ZZ", paid: 2000 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual([
      "Customer GSTIN 27AAPFU0939F1ZZ: check character should be 'V', got 'Z' — re-check the last character",
      "Paid 2,000.00 is more than Amount 1,000.00",
    ]);
    const cross = zInvoice.safeParse({ ...good, paid: 2000 });
    expect(cross.error!.issues.map((i) => i.message)).toEqual(["Paid 2,000.00 is more than Amount 1,000.00"]);
  });
});

describe("checkRecord (the entry form's check)", () => {
  it("normalises what the user typed and catches duplicates against the table", () => {
    const r = checkRecord(
      invoicesSchema,
      {
        invoiceNo: "INV-9",
        customer: " Acme ",
        invoiceDate: "15/03/2025",
        terms: "net 30",
        amount: "1,00,000",
        paid: "",
      },
      { existing: new Map([["invoiceNo", new Set(["inv-9"])]]) },
    );
    expect(r.ok).toBe(false);
    expect(Object.keys(r.issues)).toEqual(["invoiceNo"]);
    expect(r.values).toMatchObject({
      customer: "Acme",
      invoiceDate: serialFromYmd(2025, 3, 15),
      amount: 100000,
      paid: null,
    });
  });
});

describe("custom schemas", () => {
  const json = JSON.stringify({
    name: "vendors",
    columns: [
      { column: "Vendor Code", type: "text", required: true, unique: true, pattern: "V\\d{4}" },
      { column: "GSTIN", type: "gstin" },
      { column: "Bill Date", type: "date", min: "2025-04-01" },
      { column: "Due Date", type: "date" },
      { column: "Status", type: "list", list: "Open, Closed" },
      { column: "Email", type: "email" },
    ],
    rules: [{ type: "notBefore", column: "Due Date", other: "Bill Date" }],
  });

  it("validates a table with a schema from a JSON file", () => {
    const s = schemaFromJson(json, "vendors.json");
    const r = validateTable(
      table(
        ["Vendor Code", "GSTIN", "Bill Date", "Due Date", "Status", "Email"],
        [
          ["V0001", "27AAPFU0939F1ZV", "2025-04-10", "2025-05-10", "open", "ap@vendor.in"],
          ["V01", null, "2025-03-10", "2025-03-01", "Paid", "ap@vendor"],
        ],
      ),
      s,
    );
    expect(r.valid).toBe(1);
    expect(r.invalid.map((f) => [f.column, f.rule])).toEqual([
      ["Vendor Code", "pattern"],
      ["Bill Date", "range"],
      ["Status", "list"],
      ["Email", "email"],
    ]);
  });

  it("explains what is wrong with a schema file", () => {
    const bad = (o: unknown) => () => schemaFromJson(JSON.stringify(o), "s.json");
    expect(bad({ columns: [{ column: "A", type: "monie" }] })).toThrow(
      /columns\[0\]\.type: "monie" is not a type; use one of text/,
    );
    expect(bad({ columns: [] })).toThrow(/list at least one column/);
    expect(bad({ columns: [{ column: "A", type: "list" }] })).toThrow(/needs "list"/);
    expect(bad({ columns: [{ column: "A", type: "text", pattern: "(" }] })).toThrow(/not a valid regular expression/);
    expect(bad({ columns: [{ column: "A", type: "text", colour: "red" }] })).toThrow(/colour/);
    expect(
      bad({ columns: [{ column: "A", type: "date" }], rules: [{ type: "notBefore", column: "A", other: "B" }] }),
    ).toThrow(/rules\[0\]: "B" is not one of the columns/);
    expect(() => schemaFromJson("{ columns: [", "s.json")).toThrow(SchemaDefinitionError);
  });

  it("reads a Schema sheet", () => {
    const s = schemaFromRows(
      ["column", "type", "required", "min", "max", "pattern", "list"],
      [
        ["Code", "text", "Y", null, null, "[A-Z]{3}", null],
        ["Qty", "integer", "yes", 1, 100, null, null],
        ["Mode", "list", "N", null, null, null, "Cash; Card"],
      ],
    );
    const r = validateTable(
      table(
        ["Code", "Qty", "Mode"],
        [
          ["ABC", 5, "card"],
          ["AB", 0, "UPI"],
        ],
      ),
      s,
    );
    expect(r.invalid.map((f) => f.rule)).toEqual(["pattern", "range", "list"]);
    expect(() => schemaFromRows(["column", "type", "required"], [["Code", "txt", "maybe"]])).toThrow(
      /row 2, required: "maybe" should be Y or N[\s\S]*row 2, type: "txt" is not a type/,
    );
  });
});
