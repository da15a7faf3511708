/**
 * Receivables aging: who owes us, and for how long. Every invoice with an open balance
 * (Amount − Paid ≠ 0) dated on or before the as-of date, bucketed by whole days past its due date
 * (the Due Date column, else the due date its Terms give), per customer with totals, and DSO.
 *
 * DSO (days sales outstanding) = open receivables ÷ credit sales of the 90 days ending on the as-of
 * date × 90, where credit sales are the Amount of every invoice dated in those 90 days (paid or not).
 * It is on the sheet as a live formula over the two figures beside it (as BPO.DSO(receivables, sales, 90)).
 */
import type { SheetSpec, SpecCell } from "../sheet-spec";
import type { TableData } from "../table";
import { fromCents } from "../money";
import { isoFromSerial as isoOf } from "../dates";
import { agingBucket, agingLabels, dso as daysSalesOutstanding, dueDate as dueDateFromTerms } from "../invoice";
import { invoicesSchema } from "../validation/schemas";
import { ReportInputError, SourceTable, issuesNote, type ReportIssue } from "./inputs";
import {
  REPORT_COLORS,
  REPORT_FMT,
  chartIn,
  chartSlot,
  describeSource,
  fx,
  keyBlock,
  keyShape,
  planReport,
  reportSheet,
  rowsByKey,
  sumWhereExact,
  xlString,
  type DetailColumn,
  type KeyEntry,
  type RowLink,
} from "./layout";

export const AGING_SHEET = "Aging";
export const AGING_ROLE = "report:aging";
/** Days of credit sales DSO looks back over. */
export const DSO_DAYS = 90;
const DEFAULT_EDGES = [30, 60, 90];

export interface AgingInput {
  invoices: TableData;
  asOf: number;
  /** Bucket edges in days (default 30, 60, 90). */
  edges?: number[];
}

export type BucketAmounts = Record<string, number>;

/** `report aging --json` (cli.md): amounts in currency units (2 decimals). */
export interface AgingJson {
  asOf: string;
  buckets: BucketAmounts;
  total: number;
  byCustomer: ({ customer: string; total: number } & Record<string, number | string>)[];
}

export interface OpenInvoice {
  rowNo: number;
  invoiceNo: string;
  customer: string;
  invoiceDate: number;
  dueDate: number;
  daysPastDue: number;
  bucket: string;
  amountCents: number;
  paidCents: number;
  openCents: number;
}

export interface AgingResult {
  sheet: SheetSpec;
  json: AgingJson;
  issues: ReportIssue[];
  open: OpenInvoice[];
  dso: number | null;
}

const REQUIRED = ["invoiceNo", "customer", "invoiceDate", "amount"];

const DETAIL: DetailColumn[] = [
  { header: "Customer", width: 30 },
  { header: "Invoice No", width: 18 },
  { header: "Invoice Date", width: 12, numFmt: REPORT_FMT.date },
  { header: "Due Date", width: 12, numFmt: REPORT_FMT.date },
  { header: "Days Past Due", width: 13, numFmt: REPORT_FMT.daysPastDue },
  { header: "Bucket", width: 10 },
  { header: "Amount", width: 16, numFmt: REPORT_FMT.money },
  { header: "Paid", width: 16, numFmt: REPORT_FMT.money },
  { header: "Open Balance", width: 16, numFmt: REPORT_FMT.money },
];

/** Read the open invoices of a table as of a date; unreadable rows become issues. */
export function openInvoices(
  src: SourceTable,
  asOf: number,
  edges: number[],
): { open: OpenInvoice[]; salesCents: number; future: number } {
  const open: OpenInvoice[] = [];
  let salesCents = 0;
  let future = 0;
  const asOfDay = Math.floor(asOf);
  for (const r of src.rows()) {
    const invoiceNo = src.text(r, "invoiceNo");
    const customer = src.text(r, "customer");
    const before = src.issues.length;
    if (!customer) src.report(r, "customer", "Customer is blank — fill it in", "required");
    const invoiceDate = src.date(r, "invoiceDate", true);
    const amount = src.money(r, "amount", true);
    const paid = src.money(r, "paid");
    let due: number | null | undefined = src.has("dueDate") ? src.date(r, "dueDate") : null;
    if (due === null && invoiceDate != null) {
      const terms = src.text(r, "terms");
      if (terms) {
        try {
          due = dueDateFromTerms(invoiceDate, terms);
        } catch (e) {
          due = src.report(r, "terms", `Terms "${terms}": ${(e as Error).message}`, "terms");
        }
      } else if (due === null)
        due = src.report(
          r,
          src.has("dueDate") ? "dueDate" : "terms",
          "has neither a Due Date nor Terms — give one",
          "required",
        );
    }
    if (src.issues.length > before || invoiceDate == null || amount == null || due == null) continue;
    const paidCents = paid ?? 0;
    const day = Math.floor(invoiceDate);
    if (day > asOfDay) {
      future++;
      continue;
    }
    if (day > asOfDay - DSO_DAYS) salesCents += amount;
    const openCents = amount - paidCents;
    if (openCents === 0) continue;
    const dueDay = Math.floor(due);
    open.push({
      rowNo: r.rowNo,
      invoiceNo,
      customer,
      invoiceDate: day,
      dueDate: dueDay,
      daysPastDue: asOfDay - dueDay,
      bucket: agingBucket(dueDay, asOfDay, edges),
      amountCents: amount,
      paidCents,
      openCents,
    });
  }
  return { open, salesCents, future };
}

/** Build the Aging sheet and its key figures. */
export function buildAgingReport(input: AgingInput): AgingResult {
  const edges = input.edges ?? DEFAULT_EDGES;
  const labels: string[] = [...agingLabels(edges)];
  const src = new SourceTable(input.invoices, invoicesSchema, REQUIRED);
  if (!src.has("dueDate") && !src.has("terms"))
    throw new ReportInputError(
      `${input.invoices.name} has neither a Due Date nor a Terms column; the Invoices table needs Invoice No, Customer, Invoice Date, Due Date (or Terms), Amount, Paid`,
    );
  const asOf = Math.floor(input.asOf);
  const { open, salesCents, future } = openInvoices(src, asOf, edges);

  // Customers, most owed first; invoices within a customer, oldest due first.
  const custTotal = new Map<string, number>();
  for (const o of open) custTotal.set(o.customer, (custTotal.get(o.customer) ?? 0) + o.openCents);
  const customers = [...custTotal.keys()].sort((a, b) => custTotal.get(b)! - custTotal.get(a)! || a.localeCompare(b));
  const custRank = new Map(customers.map((c, i) => [c, i]));
  open.sort(
    (a, b) =>
      custRank.get(a.customer)! - custRank.get(b.customer)! || b.daysPastDue - a.daysPastDue || a.rowNo - b.rowNo,
  );

  const bucketCents = new Map<string, number>(labels.map((l) => [l, 0]));
  const bucketCount = new Map<string, number>(labels.map((l) => [l, 0]));
  const custBucket = new Map<string, Map<string, number>>();
  for (const o of open) {
    bucketCents.set(o.bucket, (bucketCents.get(o.bucket) ?? 0) + o.openCents);
    bucketCount.set(o.bucket, (bucketCount.get(o.bucket) ?? 0) + 1);
    const m = custBucket.get(o.customer) ?? new Map<string, number>();
    m.set(o.bucket, (m.get(o.bucket) ?? 0) + o.openCents);
    custBucket.set(o.customer, m);
  }
  const totalCents = open.reduce((a, o) => a + o.openCents, 0);
  // Negative open balances (credits) can make receivables negative; DSO is then not meaningful.
  const dso =
    salesCents > 0 && totalCents >= 0
      ? daysSalesOutstanding(fromCents(totalCents), fromCents(salesCents), DSO_DAYS)
      : null;

  const notes = issuesNote(src.issues);
  if (future) notes.push(`${future} invoice${future === 1 ? " is" : "s are"} dated after the as-of date and not aged.`);

  const nb = labels.length;
  const lastLabel = labels[nb - 1];
  const key: KeyEntry[] = [
    {
      style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText },
      sample: lastLabel,
      meaning: `Invoice more than ${edges[edges.length - 1]} days past due`,
    },
    ...(nb > 1
      ? [
          {
            style: { fill: REPORT_COLORS.warn },
            sample: labels[nb - 2],
            meaning: `Invoice ${labels[nb - 2]} days past due`,
          },
        ]
      : []),
    {
      style: { fontColor: REPORT_COLORS.badText, bold: true },
      sample: "₹12,500.00",
      meaning: `Customer owes something over ${edges[edges.length - 1]} days`,
    },
  ];
  // Summary first: the buckets beside the key figures, the chart under them across the page, then the
  // customers, the colour key, and the invoices under their own caption (a page of their own in print).
  const plan = planReport({
    notes: notes.length,
    blocks: [
      { rows: nb + 1, columns: 4, caption: true },
      { rows: 5, columns: 2, caption: true, beside: true },
      chartSlot(7),
      { rows: customers.length + 1, columns: nb + 2, caption: true },
      keyShape(key),
    ],
    detail: DETAIL,
    detailRows: open.length,
    detailCaption: true,
  });
  const OPEN = plan.range("Open Balance");
  const CUST = plan.range("Customer");
  const DAYS = plan.range("Days Past Due");
  const totalCell = plan.cell(0, nb, 1);

  // Buckets by the numeric Days Past Due column, never by the label text: a label such as "1-30" could be
  // read as a date by a criteria parser, a number range cannot be misread.
  const inBucket = (i: number): string => {
    if (i === 0) return `${DAYS},"<=0"`;
    if (i === nb - 1) return `${DAYS},">${edges[edges.length - 1]}"`;
    return `${DAYS},">=${i === 1 ? 1 : edges[i - 2] + 1}",${DAYS},"<=${edges[i - 1]}"`;
  };
  // The same ranges as SUMPRODUCT conditions (per customer, where the key is user text).
  const bucketTests = (i: number): string[] => {
    if (i === 0) return [`${DAYS}<=0`];
    if (i === nb - 1) return [`${DAYS}>${edges[edges.length - 1]}`];
    return [`${DAYS}>=${i === 1 ? 1 : edges[i - 2] + 1}`, `${DAYS}<=${edges[i - 1]}`];
  };
  const byBucket: SpecCell[][] = labels.map((l, i) => [
    l,
    fx(`SUMIFS(${OPEN},${inBucket(i)})`, fromCents(bucketCents.get(l)!)),
    fx(`COUNTIFS(${inBucket(i)})`, bucketCount.get(l)!),
    fx(
      `IF(${plan.abs(0, nb, 1)}=0,0,${plan.cell(0, i, 1)}/${plan.abs(0, nb, 1)})`,
      totalCents ? bucketCents.get(l)! / totalCents : 0,
    ),
  ]);
  byBucket.push([
    "Total",
    fx(`SUM(${plan.blockSpan(0, 1, 0, nb - 1)})`, fromCents(totalCents)),
    fx(`SUM(${plan.blockSpan(0, 2, 0, nb - 1)})`, open.length),
    fx(`IF(${totalCell}=0,0,1)`, totalCents ? 1 : 0),
  ]);

  const keyFigures: SpecCell[][] = [
    ["Open receivables", fx(`${totalCell}`, fromCents(totalCents))],
    [`Credit sales, ${DSO_DAYS} days to as-of`, fromCents(salesCents)],
    [
      `DSO (days, ${DSO_DAYS}-day basis)`,
      fx(
        `IF(${plan.cell(1, 1, 1)}=0,0,${plan.cell(1, 0, 1)}/${plan.cell(1, 1, 1)}*${DSO_DAYS})`,
        salesCents > 0 ? (totalCents * DSO_DAYS) / salesCents : 0,
      ),
    ],
    [`Invoices ${lastLabel} days`, fx(`COUNTIFS(${inBucket(nb - 1)})`, bucketCount.get(lastLabel)!)],
    ["Oldest days past due", fx(`MAX(0,${DAYS})`, Math.max(0, ...open.map((o) => o.daysPastDue)))],
  ];

  const custBlock = 3;
  const byCustomer: SpecCell[][] = customers.map((c, i) => {
    const m = custBucket.get(c)!;
    const row: SpecCell[] = [c];
    const name = `$A${plan.blocks[custBlock].firstRow + i}`;
    labels.forEach((l, j) => {
      row.push(fx(sumWhereExact(CUST, name, bucketTests(j), OPEN), fromCents(m.get(l) ?? 0)));
    });
    row.push(fx(`SUM(${plan.cell(custBlock, i, 1)}:${plan.cell(custBlock, i, nb)})`, fromCents(custTotal.get(c)!)));
    return row;
  });
  const custTotals: SpecCell[] = ["Total"];
  for (let j = 1; j <= nb + 1; j++) {
    const cents = j <= nb ? bucketCents.get(labels[j - 1])! : totalCents;
    custTotals.push(
      customers.length ? fx(`SUM(${plan.blockSpan(custBlock, j, 0, customers.length - 1)})`, fromCents(cents)) : 0,
    );
  }
  byCustomer.push(custTotals);

  const [AMT, PAID] = [plan.letter("Amount"), plan.letter("Paid")];
  const detail: SpecCell[][] = open.map((o, i) => {
    const r = plan.detailFirstRow + i;
    return [
      o.customer,
      o.invoiceNo,
      o.invoiceDate,
      o.dueDate,
      o.daysPastDue,
      o.bucket,
      fromCents(o.amountCents),
      fromCents(o.paidCents),
      fx(`${AMT}${r}-${PAID}${r}`, fromCents(o.openCents)),
    ];
  });

  // Every summary label links to the rows it adds up (a customer's invoices are together; a bucket's are not,
  // so a bucket links to a name over its rows).
  const byBucketRows = rowsByKey(open, (o) => o.bucket);
  const byCustomerRows = rowsByKey(open, (o) => o.customer);
  const plural = (n: number) => `${n} invoice${n === 1 ? "" : "s"}`;
  const links: RowLink[] = [
    ...labels.map((l, i) => {
      const rows = byBucketRows.get(l) ?? [];
      return {
        cell: plan.cell(0, i, 0),
        to: { rows },
        name: `Bucket_${l.replace("+", "plus").replace("-", "_to_")}`,
        tooltip: `The ${plural(rows.length)} ${i === 0 ? "not yet past due" : `${l} days past due`}`,
      };
    }),
    ...customers.map((c, i) => {
      const rows = byCustomerRows.get(c) ?? [];
      return { cell: plan.cell(custBlock, i, 0), to: { rows }, tooltip: `The ${plural(rows.length)} of ${c}` };
    }),
  ];
  const oldest = open.reduce<number>(
    (best, o, i) => (best < 0 || o.daysPastDue > open[best].daysPastDue ? i : best),
    -1,
  );
  if (oldest >= 0)
    links.push({ cell: plan.cell(1, 4, 0), to: { rows: [oldest] }, tooltip: "The invoice longest past due" });

  const bucketCol = `$${plan.letter("Bucket")}${plan.detailFirstRow}`;
  const sheet = reportSheet(plan, {
    name: AGING_SHEET,
    role: AGING_ROLE,
    title: "Receivables aging",
    asOf,
    sources: [describeSource(input.invoices)],
    notes,
    blocks: [
      {
        caption: "Open balance by days past due",
        header: ["Bucket", "Open Balance", "Invoices", "Share"],
        rows: byBucket,
        numFmts: [undefined, REPORT_FMT.money, REPORT_FMT.integer, REPORT_FMT.percent],
        totalRows: [nb],
      },
      {
        caption: "Key figures",
        header: ["Figure", "Value"],
        rows: keyFigures,
        numFmts: [undefined, REPORT_FMT.money],
      },
      null,
      {
        caption: "Open balance by customer",
        header: ["Customer", ...labels, "Total"],
        rows: byCustomer,
        numFmts: [undefined, ...labels.map(() => REPORT_FMT.money), REPORT_FMT.money],
        totalRows: [customers.length],
      },
      keyBlock(key),
    ],
    detail,
    tableName: "AgingDetail",
    detailCaption: `Open invoices (${open.length}), by customer, longest past due first`,
    emptyText: "(no open invoices)",
    links,
    conditionalFormats: [
      {
        range: plan.detailArea,
        type: "expression",
        formula: `${bucketCol}=${xlString(lastLabel)}`,
        style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText },
      },
      ...(nb > 1
        ? [
            {
              range: plan.detailArea,
              type: "expression" as const,
              formula: `${bucketCol}=${xlString(labels[nb - 2])}`,
              style: { fill: REPORT_COLORS.warn },
            },
          ]
        : []),
      ...(customers.length
        ? [
            {
              range: plan.blockSpan(custBlock, nb, 0, customers.length - 1),
              type: "cellValue" as const,
              operator: "greaterThan" as const,
              formulas: ["0"] as [string],
              style: { fontColor: REPORT_COLORS.badText, bold: true },
            },
          ]
        : []),
    ],
    charts: [
      chartIn(plan, 2, {
        type: "column",
        title: "Open balance by days past due (₹)",
        categories: plan.blockSpan(0, 0, 0, nb - 1),
        series: [{ name: "Open Balance", values: plan.blockSpan(0, 1, 0, nb - 1), color: REPORT_COLORS.title }],
        valueAxis: { numFmt: REPORT_FMT.moneyWhole, min: 0 },
        legend: "none",
      }),
    ],
    tabColor: "#2F5597",
  });
  // The DSO figure is days, not money; the invoice count and the oldest days integers.
  sheet.styles!.push(
    { range: plan.cell(1, 2, 1), style: { numFmt: "#,##0.0" } },
    { range: `${plan.cell(1, 3, 1)}:${plan.cell(1, 4, 1)}`, style: { numFmt: REPORT_FMT.integer } },
  );

  const json: AgingJson = {
    asOf: isoOf(asOf),
    buckets: Object.fromEntries(labels.map((l) => [l, fromCents(bucketCents.get(l)!)])),
    total: fromCents(totalCents),
    byCustomer: customers.map((c) => {
      const m = custBucket.get(c)!;
      return {
        customer: c,
        ...Object.fromEntries(labels.map((l) => [l, fromCents(m.get(l) ?? 0)])),
        total: fromCents(custTotal.get(c)!),
      };
    }),
  };
  return { sheet, json, issues: src.issues, open, dso };
}
