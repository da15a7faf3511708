/**
 * A batch of invoices as an executive keyed them, with the mistakes validation exists to catch. The demo
 * writes it as its own sheet so that the Data Quality report and the highlights have something real to show;
 * the sample's own tables stay valid (they feed the other engines and are generated to the rules).
 */
import type { SampleData, SampleTable } from "./index";

/** The mistakes planted in the batch, by worksheet row (header on row 1), with the column a check flags. */
export const KEYED_MISTAKES: readonly { row: number; column: string; what: string }[] = [
  { row: 3, column: "Customer GSTIN", what: "a wrong GSTIN check character" },
  { row: 4, column: "Invoice Date", what: "31/02/2025, a date that does not exist" },
  { row: 5, column: "Paid", what: "more paid than invoiced" },
  { row: 6, column: "Invoice No", what: "an invoice number keyed twice" },
  { row: 7, column: "Due Date", what: "a due date before the invoice date" },
  { row: 8, column: "Amount", what: "a letter O keyed for a zero" },
];

export function keyedInvoices(s: SampleData): SampleTable {
  const [a, b, c] = s.invoices.rows;
  const gstin = String(a[2]);
  // Another character in the check position: the format still holds, only the check character is wrong.
  const wrongCheck = gstin.slice(0, 14) + (gstin[14] === "0" ? "1" : "0");
  const day = (n: number) => s.asOf - 30 + n;
  return {
    name: "KeyedInvoices",
    headers: s.invoices.headers,
    rows: [
      ["INV-2025-0301", a[1], a[2], day(1), day(31), "NET 30", 118000, 0],
      ["INV-2025-0302", a[1], wrongCheck, day(2), day(32), "NET 30", 45210, 0],
      ["INV-2025-0303", b[1], b[2], "31/02/2025", null, "NET 30", 9800, 0],
      ["INV-2025-0304", c[1], c[2], day(4), day(34), "NET 30", 5000, 5500],
      ["INV-2025-0301", b[1], b[2], day(5), day(35), "NET 30", 7200, 0],
      ["INV-2025-0306", c[1], c[2], day(6), day(1), "NET 30", 3300, 0],
      ["INV-2025-0307", a[1], a[2], day(7), day(37), "NET 30", "1O,000", 0],
    ],
    formats: s.invoices.formats,
  };
}
