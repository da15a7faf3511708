/**
 * The demo's payroll and invoice sheets with live BPO.* formulas next to the values the CLI computed:
 * "Payroll Formulas" recomputes every register line with BPO.EPF/ESI/PROFTAX/INCOMETAX/NETPAY, and
 * "Invoice Formulas" recomputes due dates and aging buckets with BPO.DUEDATE/AGINGBUCKET. Each BPO cell
 * caches the value our wrapper computes (what Excel shows once the add-in recalculates it), and an
 * "Agrees" column compares the two, so a user can see in Excel that the functions and the reports agree.
 * Outside Excel (LibreOffice) the BPO.* cells cannot calculate: the add-in is not there.
 */
import { isoFromSerial, ymdFromSerial } from "../../core/dates";
import { buildPayrollReport, buildAgingReport, regimeFor, STANDARD_DEDUCTION } from "../../core/reports";
import { NUMFMT, type SheetSpec, type SpecCell } from "../../core/sheet-spec";
import { excelCall } from "../../functions/catalogue";
import type { DemoContext } from "./types";

const HEADER_ROW = 4;

function frame(title: string, note: string, headers: string[], body: SpecCell[][]): SpecCell[][] {
  return [[title], [note], [], headers, ...body];
}

/** Payroll Formulas: one row per register line, the register's figure beside the BPO.* formula that recomputes it. */
export function payrollFormulasSheet(ctx: DemoContext, employees: Parameters<typeof buildPayrollReport>[0]): SheetSpec {
  const report = buildPayrollReport(employees);
  const month = ymdFromSerial(ctx.asOf).m;
  const regime = regimeFor(ctx.asOf);
  const byId = new Map(employees.employees.rows.map((r) => [String(r[0]), r]));
  const body: SpecCell[][] = report.lines.map((l, i) => {
    const n = HEADER_ROW + 1 + i;
    const src = byId.get(l.id) ?? [];
    const [basic, hra, other] = [Number(src[4]), Number(src[5]), Number(src[6])];
    const pfFlag = String(src[7] ?? "N");
    const esiFlag = String(src[8] ?? "N");
    // What each formula evaluates to, through the same wrappers called as Excel calls them.
    const gross = Math.round(((basic + hra + other) * l.daysPaid) / l.daysInMonth);
    const pf = pfFlag === "Y" ? (excelCall("EPF", Math.round((basic * l.daysPaid) / l.daysInMonth)) as number) : 0;
    const esi = esiFlag === "Y" ? (excelCall("ESI", gross) as number) : 0;
    const pt = excelCall("PROFTAX", gross, l.state, month, l.gender) as number;
    const taxable = Math.max(0, 12 * (basic + hra + other) - STANDARD_DEDUCTION);
    const tds = Math.round((excelCall("INCOMETAX", taxable, regime) as number) / 12);
    const net = excelCall("NETPAY", gross, pf, esi, pt, tds) as number;
    const agrees = gross === l.gross && pf === l.pf && esi === l.esi && pt === l.pt && tds === l.tds && net === l.net;
    return [
      l.id,
      l.name,
      l.state,
      l.gender,
      basic,
      hra,
      other,
      l.daysPaid,
      l.daysInMonth,
      pfFlag,
      esiFlag,
      l.gross,
      { f: `ROUND((E${n}+F${n}+G${n})*H${n}/I${n},0)`, v: gross },
      l.pf,
      { f: `IF(J${n}="Y",BPO.EPF(ROUND(E${n}*H${n}/I${n},0)),0)`, v: pf },
      l.esi,
      { f: `IF(K${n}="Y",BPO.ESI(M${n}),0)`, v: esi },
      l.pt,
      { f: `BPO.PROFTAX(M${n},C${n},${month},D${n})`, v: pt },
      l.tds,
      { f: `ROUND(BPO.INCOMETAX(MAX(0,12*(E${n}+F${n}+G${n})-${STANDARD_DEDUCTION}),"${regime}")/12,0)`, v: tds },
      l.net,
      { f: `BPO.NETPAY(M${n},O${n},Q${n},S${n},U${n})`, v: net },
      { f: `AND(L${n}=M${n},N${n}=O${n},P${n}=Q${n},R${n}=S${n},T${n}=U${n},V${n}=W${n})`, v: agrees },
    ];
  });
  const headers = [
    "Employee ID",
    "Name",
    "State",
    "Gender",
    "Basic",
    "HRA",
    "Other Allowances",
    "Days Paid",
    "Days In Month",
    "PF",
    "ESI",
    "Gross (register)",
    "Gross (formula)",
    "PF (register)",
    "=BPO.EPF",
    "ESI (register)",
    "=BPO.ESI",
    "PT (register)",
    "=BPO.PROFTAX",
    "TDS (register)",
    "=BPO.INCOMETAX/12",
    "Net (register)",
    "=BPO.NETPAY",
    "Agrees",
  ];
  const last = HEADER_ROW + body.length;
  return {
    name: "Payroll Formulas",
    role: "demo:payroll-formulas",
    rows: frame(
      `Payroll ${report.month}: the register's figures beside live BPO.* formulas`,
      "Values in (register) columns come from `bpo-desk report payroll`; the formula columns recalculate in Excel with the add-in loaded.",
      headers,
      body,
    ),
    columns: headers.map((h, i) => ({
      width: i === 1 ? 24 : Math.max(10, h.length + 2),
      numFmt: i >= 4 && i <= 22 && i !== 9 && i !== 10 ? NUMFMT.integer : undefined,
    })),
    styles: [
      { range: "A1", style: { bold: true, fontSize: 14 } },
      { range: "A2", style: { italic: true, fontColor: "#595959" } },
      { range: `A${HEADER_ROW}:X${HEADER_ROW}`, style: { bold: true, fill: "#DDEBF7", wrap: true } },
      { range: `M${HEADER_ROW + 1}:M${last}`, style: { fill: "#FFF2CC" } },
      { range: `O${HEADER_ROW + 1}:O${last}`, style: { fill: "#FFF2CC" } },
      { range: `Q${HEADER_ROW + 1}:Q${last}`, style: { fill: "#FFF2CC" } },
      { range: `S${HEADER_ROW + 1}:S${last}`, style: { fill: "#FFF2CC" } },
      { range: `U${HEADER_ROW + 1}:U${last}`, style: { fill: "#FFF2CC" } },
      { range: `W${HEADER_ROW + 1}:W${last}`, style: { fill: "#FFF2CC" } },
    ],
    conditionalFormats: [
      {
        range: `X${HEADER_ROW + 1}:X${last}`,
        type: "expression",
        formula: `X${HEADER_ROW + 1}=FALSE`,
        style: { fill: "#F8CBAD", bold: true },
      },
    ],
    freeze: { rows: HEADER_ROW, columns: 2 },
  };
}

/** Invoice Formulas: due date and aging bucket per invoice, the workbook's and the aging report's beside BPO.* formulas. */
export function invoiceFormulasSheet(
  ctx: DemoContext,
  invoices: Parameters<typeof buildAgingReport>[0]["invoices"],
): SheetSpec {
  const aging = buildAgingReport({ invoices, asOf: ctx.asOf });
  const bucketByRow = new Map(aging.open.map((o) => [o.rowNo, o.bucket]));
  const h = (name: string) => invoices.headers.indexOf(name);
  const [iNo, iCust, iDate, iDue, iTerms, iAmt, iPaid] = [
    "Invoice No",
    "Customer",
    "Invoice Date",
    "Due Date",
    "Terms",
    "Amount",
    "Paid",
  ].map(h);
  const body: SpecCell[][] = invoices.rows.map((r, i) => {
    const n = HEADER_ROW + 1 + i;
    const due = excelCall("DUEDATE", r[iDate] as number, String(r[iTerms])) as number;
    const open = (r[iAmt] as number) - ((r[iPaid] as number) ?? 0) > 0;
    const reportBucket = bucketByRow.get(invoices.firstRow + i) ?? "";
    const bucket = open ? (excelCall("AGINGBUCKET", due, ctx.asOf) as string) : "";
    return [
      r[iNo],
      r[iCust],
      r[iDate],
      r[iTerms],
      r[iAmt],
      r[iPaid],
      r[iDue],
      { f: `BPO.DUEDATE(C${n},D${n})`, v: due },
      reportBucket,
      { f: `IF(E${n}-F${n}>0,BPO.AGINGBUCKET(H${n},$B$2),"")`, v: bucket },
      { f: `AND(G${n}=H${n},I${n}=J${n})`, v: r[iDue] === due && reportBucket === bucket },
    ];
  });
  const headers = [
    "Invoice No",
    "Customer",
    "Invoice Date",
    "Terms",
    "Amount",
    "Paid",
    "Due Date (sheet)",
    "=BPO.DUEDATE",
    "Bucket (aging report)",
    "=BPO.AGINGBUCKET",
    "Agrees",
  ];
  const last = HEADER_ROW + body.length;
  const rows = frame(
    `Invoices: due dates and aging buckets as of ${isoFromSerial(ctx.asOf)}, beside live BPO.* formulas`,
    "",
    headers,
    body,
  );
  rows[1] = [
    "As of",
    ctx.asOf,
    "Bucket values come from `bpo-desk report aging`; the formula columns recalculate in Excel with the add-in loaded.",
  ];
  return {
    name: "Invoice Formulas",
    role: "demo:invoice-formulas",
    rows,
    columns: [
      { width: 16 },
      { width: 28 },
      { width: 12, numFmt: NUMFMT.date },
      { width: 12 },
      { width: 14, numFmt: NUMFMT.money },
      { width: 14, numFmt: NUMFMT.money },
      { width: 14, numFmt: NUMFMT.date },
      { width: 14, numFmt: NUMFMT.date },
      { width: 12 },
      { width: 14 },
      { width: 9 },
    ],
    styles: [
      { range: "A1", style: { bold: true, fontSize: 14 } },
      { range: "B2", style: { numFmt: NUMFMT.date, bold: true } },
      { range: "C2", style: { italic: true, fontColor: "#595959" } },
      { range: `A${HEADER_ROW}:K${HEADER_ROW}`, style: { bold: true, fill: "#DDEBF7", wrap: true } },
      { range: `H${HEADER_ROW + 1}:H${last}`, style: { fill: "#FFF2CC" } },
      { range: `J${HEADER_ROW + 1}:J${last}`, style: { fill: "#FFF2CC" } },
    ],
    conditionalFormats: [
      {
        range: `K${HEADER_ROW + 1}:K${last}`,
        type: "expression",
        formula: `K${HEADER_ROW + 1}=FALSE`,
        style: { fill: "#F8CBAD", bold: true },
      },
    ],
    freeze: { rows: HEADER_ROW, columns: 1 },
  };
}

/** Adds both sheets to the demo workbook; says how many lines agree. */
export async function functionSheetsStep(ctx: DemoContext): Promise<string[]> {
  const [employees, attendance, invoices] = await Promise.all([
    ctx.wb.read("Employees"),
    ctx.wb.read("Attendance"),
    ctx.wb.read("Invoices"),
  ]);
  const payroll = payrollFormulasSheet(ctx, { employees, attendance, asOf: ctx.asOf });
  const inv = invoiceFormulasSheet(ctx, invoices);
  await ctx.wb.write(payroll);
  await ctx.wb.write(inv);
  const agreeing = (s: SheetSpec) =>
    s.rows.slice(HEADER_ROW).filter((r) => (r[r.length - 1] as { v?: unknown })?.v === true).length;
  return [
    `Payroll Formulas: ${agreeing(payroll)} of ${payroll.rows.length - HEADER_ROW} register lines agree with BPO.* formulas.`,
    `Invoice Formulas: ${agreeing(inv)} of ${inv.rows.length - HEADER_ROW} invoices agree with BPO.DUEDATE/AGINGBUCKET.`,
  ];
}
