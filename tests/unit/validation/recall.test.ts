import { generateSample } from "../../../src/core/sample";
import {
  bindSchema,
  checkRecord,
  compileField,
  dateAs,
  distinctValues,
  invoicesSchema,
  lastRowsBy,
  nextNumber,
  recallTable,
  recallWith,
  schemaFromJson,
  validateTable,
  workItemsSchema,
} from "../../../src/core/validation";
import { serialFromYmd } from "../../../src/core/dates";
import type { TableData } from "../../../src/core/table";

describe("nextNumber: the table's numbering, one on", () => {
  it("keeps the prefix, the zero padding and the suffix", () => {
    expect(nextNumber(["INV-2025-0041", "INV-2025-0042"])).toBe("INV-2025-0043");
    expect(nextNumber(["E1001", "E1009", "E1002"])).toBe("E1010");
    expect(nextNumber(["A-099"])).toBe("A-100");
    expect(nextNumber(["0999"])).toBe("1000");
    expect(nextNumber(["INV/0007/25-26"])).toBe("INV/0008/25-26");
    expect(nextNumber(["TKT-9"])).toBe("TKT-10");
    // Indian invoice numbers carry the financial year: the counter is the run that changes from one to the next.
    expect(nextNumber(["INV/7/24-25", "INV/8/24-25", "INV/1/25-26", "INV/2/25-26"])).toBe("INV/3/25-26");
  });

  it("takes the highest number of the last value's pattern, not the last number", () => {
    // A number keyed out of order does not make the next proposal collide with an existing one.
    expect(nextNumber(["INV-2025-0050", "INV-2025-0042"])).toBe("INV-2025-0051");
    // A new year's series starts where its own numbers are, not after last year's.
    expect(nextNumber(["INV-2025-0300", "INV-2026-0001"])).toBe("INV-2026-0002");
    // Prefixes compare case-insensitively; the last value's spelling is kept.
    expect(nextNumber(["inv-0009", "INV-0003"])).toBe("INV-0010");
    // Other series in the column are ignored.
    expect(nextNumber(["CN-0900", "INV-0001"])).toBe("INV-0002");
  });

  it("skips blanks at the end, reads numbers Excel holds as numbers, and has no proposal without digits", () => {
    expect(nextNumber(["INV-7", null, "  "])).toBe("INV-8");
    expect(nextNumber([1001, 1002])).toBe("1003");
    expect(nextNumber(["ACME", "BETA"])).toBeNull();
    expect(nextNumber([])).toBeNull();
  });

  it("counts past what a double holds exactly", () => {
    expect(nextNumber(["REF-900719925474099199"])).toBe("REF-900719925474099200");
  });

  it("proposes the number after the demo invoices", () => {
    const s = generateSample();
    const col = s.invoices.headers.indexOf("Invoice No");
    expect(nextNumber(s.invoices.rows.map((r) => r[col]))).toBe("INV-2025-0301");
  });
});

describe("distinctValues and lastRowsBy", () => {
  it("lists each value once, in its latest spelling, sorted as a person looks it up", () => {
    expect(distinctValues([["Acme"], ["acme "], ["Beta"], [null], ["  "], ["alpha"]], 0)).toEqual([
      "acme",
      "alpha",
      "Beta",
    ]);
    expect(distinctValues([["P10"], ["P9"], ["P1"]], 0)).toEqual(["P1", "P9", "P10"]);
  });

  it("fills a customer's GSTIN and terms from its last row", () => {
    const headers = ["Invoice No", "Customer", "Customer GSTIN", "Invoice Date", "Terms", "Amount"];
    const bound = bindSchema(invoicesSchema, headers);
    const rows = [
      ["A-1", "Acme Retail", "27AAPFU0939F1ZV", 45900, "NET 30", 100],
      ["A-2", "Beta", null, 45901, "NET 15", 100],
      ["A-3", "acme retail ", "27AAPFU0939F1ZV", 45902, "NET 45", 100],
    ];
    const last = lastRowsBy(invoicesSchema, bound, rows).get("customer")!;
    // The table has no Due Date column: only the fields it has are filled.
    expect(last.get("acme retail")).toEqual({ customerGstin: "27AAPFU0939F1ZV", terms: "NET 45" });
    expect(last.get("beta")).toEqual({ customerGstin: null, terms: "NET 15" });
    expect(last.get("gamma")).toBeUndefined();
  });

  it("a work item's SLA hours follow its process", () => {
    const headers = workItemsSchema.fields.map((f) => f.column);
    const bound = bindSchema(workItemsSchema, headers);
    const row = (id: string, process: string, sla: number) => [id, process, "Asha", 45900, null, sla, null];
    const last = lastRowsBy(workItemsSchema, bound, [row("W1", "KYC", 4), row("W2", "Claims", 24)]);
    expect(last.get("process")?.get("kyc")).toEqual({ slaHours: 4 });
  });

  it("recallWith gives what recalling the table with the new row would give", () => {
    const s = generateSample();
    const bound = bindSchema(invoicesSchema, s.invoices.headers);
    const rows = s.invoices.rows.slice(0, 200);
    const added = ["INV-2025-0201", "Narmada Chemicals", "27AAPFU0939F1ZV", 45900, null, "NET 30", 5000, 0];
    const incremental = recallWith(recallTable(invoicesSchema, bound, rows), invoicesSchema, bound, added);
    expect(incremental).toEqual(recallTable(invoicesSchema, bound, [...rows, added]));
    expect(incremental.next.get("invoiceNo")).toBe("INV-2025-0202");
    expect(incremental.choices.get("customer")).toContain("Narmada Chemicals");
    expect(incremental.last.get("customer")?.get("narmada chemicals")).toEqual({
      customerGstin: "27AAPFU0939F1ZV",
      terms: "NET 30",
    });
  });
});

describe("text normalised by the schema", () => {
  it('stores terms upper-case with single spaces: "net  45" is "NET 45"', () => {
    const terms = compileField(invoicesSchema.fields.find((f) => f.key === "terms")!);
    expect(terms("net  45")).toEqual({ ok: true, value: "NET 45" });
    expect(terms(" 2/10 net 30 ")).toEqual({ ok: true, value: "2/10 NET 30" });
    expect(terms("net")).toMatchObject({ ok: false, issue: { rule: "pattern" } });
  });

  it("the entry check stores the normalised text, and batch validation finds the same rows valid", () => {
    const r = checkRecord(
      invoicesSchema,
      { invoiceNo: "A-1", customer: "Acme", invoiceDate: "01/10/2025", terms: "net 45", amount: "100" },
      { dateOrder: "DMY" },
    );
    expect(r.ok).toBe(true);
    expect(r.values.terms).toBe("NET 45");
    const table: TableData = {
      name: "Invoices",
      sheet: "Invoices",
      headers: ["Invoice No", "Customer", "Invoice Date", "Terms", "Amount"],
      rows: [["A-1", "Acme", 45931, "net 45", 100]],
      firstRow: 2,
      firstColumn: 1,
    };
    expect(validateTable(table, invoicesSchema).invalid).toEqual([]);
  });

  it("custom schema files can ask for it, and for type-ahead", () => {
    const s = schemaFromJson(
      JSON.stringify({ columns: [{ column: "Code", type: "text", normalize: "upper", suggest: true }] }),
    );
    expect(s.fields[0]).toMatchObject({ normalize: "upper", suggest: true });
    expect(compileField(s.fields[0])("ab  c")).toEqual({ ok: true, value: "AB C" });
    expect(() =>
      schemaFromJson(JSON.stringify({ columns: [{ column: "Code", type: "text", normalize: "title" }] })),
    ).toThrow(/normalize: use "upper"/);
  });
});

describe("messages show dates in the order the user types them", () => {
  it("dateAs writes a serial as DMY, MDY or ISO", () => {
    const s = serialFromYmd(2025, 3, 31);
    expect(dateAs(s, "DMY")).toBe("31/03/2025");
    expect(dateAs(s, "MDY")).toBe("03/31/2025");
    expect(dateAs(s, "YMD")).toBe("2025-03-31");
    expect(dateAs(s + 14.5 / 24, "DMY", true)).toBe("31/03/2025 14:30");
  });

  it("the entry check says 31/02/2025 and 15/03/2025 to a user typing DD/MM, not ISO", () => {
    const base = { invoiceNo: "A-1", customer: "Acme", terms: "NET 30", amount: "100" };
    const bad = checkRecord(invoicesSchema, { ...base, invoiceDate: "31/02/2025" }, { dateOrder: "DMY" });
    expect(bad.issues.invoiceDate.message).toBe(
      'Invoice Date "31/02/2025" is not a real date (February 2025 has 28 days)',
    );
    const before = checkRecord(
      invoicesSchema,
      { ...base, invoiceDate: "01/04/2025", dueDate: "15/03/2025" },
      { dateOrder: "DMY" },
    );
    expect(before.issues.dueDate.message).toBe("Due Date 15/03/2025 is before Invoice Date 01/04/2025");
    const us = checkRecord(
      invoicesSchema,
      { ...base, invoiceDate: "04/01/2025", dueDate: "03/15/2025" },
      { dateOrder: "MDY" },
    );
    expect(us.issues.dueDate.message).toBe("Due Date 03/15/2025 is before Invoice Date 04/01/2025");
    const year = checkRecord(invoicesSchema, { ...base, invoiceDate: "01/04/2205" }, { dateOrder: "DMY" });
    expect(year.issues.invoiceDate.message).toBe(
      "Invoice Date 01/04/2205 is outside 01/01/1990 to 31/12/2099 — check the year",
    );
  });

  it("batch findings keep ISO dates, as the Data Quality sheet has always shown them", () => {
    const table: TableData = {
      name: "Invoices",
      sheet: "Invoices",
      headers: ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount"],
      rows: [["A-1", "Acme", serialFromYmd(2025, 4, 1), serialFromYmd(2025, 3, 15), 100]],
      firstRow: 2,
      firstColumn: 1,
    };
    expect(validateTable(table, invoicesSchema, { dateOrder: "DMY" }).invalid[0].message).toBe(
      "Due Date 2025-03-15 is before Invoice Date 2025-04-01",
    );
  });
});
