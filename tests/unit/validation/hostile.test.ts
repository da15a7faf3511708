/**
 * Hostile input, seeded: wrong types, control characters, 32,768-character strings (Excel's cell limit is
 * 32,767), emoji, right-to-left text, formula-looking text, impossible dates. Through the batch validator
 * and through the entry path (FileWorkbook append + Entry Log): no crash, one clear message per bad cell,
 * formula-looking text stored as text.
 */
import type { CellValue } from "../../../src/core/sheet-spec";
import { seededRandom } from "../../../src/core/sample";
import { serialFromYmd } from "../../../src/core/dates";
import { bindSchema, checkRecord, invoicesSchema, validateTable } from "../../../src/core/validation";
import { FileWorkbook } from "../../../src/workbook/file";
import { partText } from "../../helpers/xlsx-parts";
import { appendEntry, ENTRY_LOG_SHEET } from "../../../src/workbook/jobs/entry";
import { sheetTable } from "../tables";

const HEADERS = ["Invoice No", "Customer", "Customer GSTIN", "Invoice Date", "Due Date", "Amount", "Paid"];
const LONG = "x".repeat(32768);
// Valid text that must be accepted and stored verbatim, never evaluated.
const FORMULA_TEXT = [
  "=1+1",
  '=HYPERLINK("http://evil.example","click")',
  "+91 98200 12345",
  "-Discount",
  "@SUM(A1:A9)",
];
const UNICODE_TEXT = ["Ω Traders 🚀", "شركة الخليج للتجارة", 'שלום בע"מ', "शर्मा ट्रेडर्स"];

/** Bad values per column, each one a mistake the validator must name. */
const BAD: Record<string, CellValue[]> = {
  "Invoice No": [LONG, "INV\u0000001", "INV\u001b[31m", "\tINV-TAB"],
  Customer: [LONG, "Acme\u0007", "\rAcme"],
  "Customer GSTIN": ["27AAPFU0939F1ZZ", "27AAPFU0939F1Z", "🚀🚀🚀", "=CONCAT(A1)", "٢٧AAPFU0939F1ZV", true],
  "Invoice Date": ["31/02/2025", "=TODAY()", "yesterday", true, "🚀", "29/02/2023", 5],
  "Due Date": ["31/04/2025", "2025-13-01", false],
  Amount: ["abc", "12.345", "=1+1", "١٢٣", true, "1,2,3", -5, LONG],
  Paid: ["lots", "0.001", true],
};

function hostileRows(n: number, seed: number) {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const rows: CellValue[][] = [];
  const bad = new Set<string>();
  for (let i = 0; i < n; i++) {
    const d = serialFromYmd(2025, 1, 1) + Math.floor(rnd() * 300);
    const amount = 1000 + Math.floor(rnd() * 100000);
    const row: CellValue[] = [
      `INV-${i}`,
      rnd() < 0.2 ? pick(FORMULA_TEXT) : rnd() < 0.2 ? pick(UNICODE_TEXT) : "Acme Retail",
      rnd() < 0.5 ? "27AAPFU0939F1ZV" : null,
      rnd() < 0.5 ? d : `${String((d % 28) + 1).padStart(2, "0")}/03/2025`,
      null,
      amount,
      rnd() < 0.5 ? amount / 2 : 0,
    ];
    // Due date 30 days after the invoice date, in the same form.
    row[4] = typeof row[3] === "number" ? row[3] + 30 : "30/04/2025";
    const corrupt = rnd() < 0.6 ? 1 + Math.floor(rnd() * 2) : 0;
    for (let k = 0; k < corrupt; k++) {
      const col = pick(HEADERS);
      row[HEADERS.indexOf(col)] = pick(BAD[col]);
      bad.add(`${i + 2}|${col}`);
    }
    rows.push(row);
  }
  return { rows, bad };
}

describe("hostile input through validateTable", () => {
  const { rows, bad } = hostileRows(10_000, 20251122);
  const r = validateTable(sheetTable("Invoices", HEADERS, rows), invoicesSchema);

  it("names every planted bad cell, and nothing else", () => {
    const found = new Set(r.invalid.map((f) => `${f.row}|${f.column}`));
    const missed = [...bad].filter((k) => !found.has(k));
    const extra = [...found].filter((k) => !bad.has(k));
    expect(missed).toEqual([]);
    expect(extra).toEqual([]);
    expect(r.rows).toBe(10_000);
    expect(r.valid).toBe(10_000 - new Set([...bad].map((k) => k.split("|")[0])).size);
  });

  it("gives one short, one-line message per bad cell that names the column", () => {
    const perCell = new Map<string, number>();
    for (const f of r.invalid) {
      perCell.set(`${f.row}|${f.column}`, (perCell.get(`${f.row}|${f.column}`) ?? 0) + 1);
      if (!f.message.startsWith(f.column)) throw new Error(`message does not name its column: ${f.message}`);
      expect(f.message.length).toBeLessThan(260);
      expect(f.message).not.toMatch(/[\u0000-\u001f]/); // eslint-disable-line no-control-regex
    }
    expect(Math.max(...perCell.values())).toBe(1);
    expect(r.invalid.find((f) => f.value === LONG && f.column === "Customer")?.message).toMatch(
      /32,768 characters long; an Excel cell holds at most 32,767/,
    );
    expect(r.invalid.find((f) => f.value === "31/02/2025")?.message).toBe(
      'Invoice Date "31/02/2025" is not a real date (February 2025 has 28 days)',
    );
  });
});

describe("hostile input through the entry path (FileWorkbook)", () => {
  it("writes only valid records, formula-looking text as text, and logs each one", async () => {
    const wb = new FileWorkbook();
    await wb.write({
      name: "Invoices",
      role: "sample:invoices",
      rows: [HEADERS],
      tables: [{ name: "Invoices", range: "A1:G2" }],
    });
    const bound = bindSchema(invoicesSchema, HEADERS);
    const { rows } = hostileRows(150, 7);
    // As typed in the form: every value arrives as text.
    const typed = rows.map((row) => row.map((v) => (v === null ? null : typeof v === "number" ? String(v) : v)));
    let written = 0;
    let rejected = 0;
    const existing = new Map([["invoiceNo", new Set<string>()]]);
    for (const row of typed) {
      const raw = Object.fromEntries(bound.map((b) => [b.def.key, row[b.index]]));
      const c = checkRecord(invoicesSchema, raw, { existing });
      if (!c.ok) {
        rejected++;
        for (const issue of Object.values(c.issues)) expect(issue.message.length).toBeLessThan(260);
        continue;
      }
      const out: CellValue[] = HEADERS.map(() => null);
      for (const b of bound) if (b.index >= 0) out[b.index] = c.values[b.def.key] ?? null;
      const res = await appendEntry(wb, "Invoices", HEADERS, out, new Date(2025, 9, 31, 17, 5, 0));
      expect(res.logged).toBe(true);
      existing.get("invoiceNo")!.add(String(c.values.invoiceNo).toLowerCase());
      written++;
    }
    expect(written).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(20);

    // Round-trip through .xlsx: what Excel would open.
    const back = await FileWorkbook.fromXlsx(await wb.toXlsx());
    const t = await back.read("Invoices");
    const nonBlank = t.rows.filter((r) => r.some((v) => v !== null));
    expect(nonBlank).toHaveLength(written);
    const customers = new Set(nonBlank.map((r) => r[1]));
    // In the saved sheet, each is a text cell and no cell holds a formula.
    const sheetXml = partText(await back.toXlsx(), "xl/worksheets/sheet1.xml");
    expect(sheetXml).not.toContain("<f>");
    for (const text of FORMULA_TEXT.filter((x) => customers.has(x))) {
      const rowNo = t.firstRow + t.rows.findIndex((r) => r[1] === text);
      expect(sheetXml).toMatch(new RegExp(`<c r="B${rowNo}"[^>]*t="inlineStr"><is><t[^>]*>`));
    }
    expect([...customers].some((c) => FORMULA_TEXT.includes(String(c)))).toBe(true);
    const log = await back.read(ENTRY_LOG_SHEET);
    expect(log.headers).toEqual(["Timestamp", "Table", "Row", "Values"]);
    expect(log.rows).toHaveLength(written);
    expect(log.rows.map((r) => r[2])).toEqual(nonBlank.map((_, i) => t.firstRow + t.rows.indexOf(nonBlank[i])));
    expect(JSON.parse(String(log.rows[0][3]))["Invoice No"]).toBe(nonBlank[0][0]);
  });
});
