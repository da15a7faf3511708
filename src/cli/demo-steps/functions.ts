import { serialFromYmd } from "../../core/dates";
import { ExcelError } from "../../core/errors";
import { NUMFMT, type CellValue, type SheetSpec, type SpecCell } from "../../core/sheet-spec";
import { excelCall } from "../../functions/catalogue";
import type { Arg } from "../../functions/convention";
import type { DemoContext } from "./types";

interface Example {
  name: string;
  /** The formula as a user types it, without "=" (en-US syntax). */
  formula: string;
  /** The formula's arguments as Excel holds them (ranges as rows); the wrapper is called as Excel calls it. */
  args: Arg[];
  /** The cell the formula shows, when it picks from a spilled result (INDEX). */
  pick?: (v: unknown) => unknown;
  expected: CellValue;
  source: string;
  numFmt?: string;
}

const d = serialFromYmd;
const FRI_1600 = d(2025, 1, 3) + 16 / 24;
const MON_1100 = d(2025, 1, 6) + 11 / 24;

/** One worked example per catalogue function, each with an expected result from an independent source. */
export const GALLERY: readonly Example[] = [
  {
    name: "GROSSPAY",
    formula: "BPO.GROSSPAY(46,12,40,1.5,46)",
    args: [46, 12, 40, 1.5, 46],
    expected: 637,
    source: "29 CFR 778.110(b): 46 h at $12 + $46 bonus; regular rate $13, 6 h x $6.50 extra",
  },
  {
    name: "PRORATE",
    formula: "BPO.PRORATE(30000,20,30)",
    args: [30000, 20, 30],
    expected: 20000,
    source: "30,000 x 20 / 30",
  },
  {
    name: "EPF",
    formula: 'BPO.EPF(20000,"eps")',
    args: [20000, "eps"],
    expected: 1250,
    source: "EPS 1995 para 3: 8.33% of the 15,000 ceiling = 1,249.50, nearest rupee",
  },
  {
    name: "ESI",
    formula: "BPO.ESI(21000)",
    args: [21000],
    expected: 158,
    source: "ESI (Central) Rules r.51: 0.75% of 21,000 = 157.50, rounded up",
  },
  {
    name: "PROFTAX",
    formula: 'BPO.PROFTAX(30000,"MH",2)',
    args: [30000, "MH", 2],
    expected: 300,
    source: "Maharashtra PT Act 1975 Sch. I: 2,500 a year, 300 in February",
  },
  {
    name: "INCOMETAX",
    formula: "BPO.INCOMETAX(1210000)",
    args: [1210000],
    expected: 10400,
    source: "Income Tax Dept FY 2025-26 example: 61,500 less marginal relief = 10,000; + 4% cess",
  },
  {
    name: "FEDWITHHOLDING",
    formula: 'BPO.FEDWITHHOLDING(1000,52,"single",2026)',
    args: [1000, 52, "single", 2026],
    expected: 78.08,
    source: "Pub 15-T Worksheet 1A: 52,000 - 8,600 = 43,400; 1,240 + 12% x 23,500 = 4,060; / 52",
  },
  {
    name: "FICA",
    formula: "BPO.FICA(10000,180000,2026)",
    args: [10000, 180000, 2026],
    expected: 424,
    source: "SSA 2026 wage base 184,500: 4,500 x 6.2% + 10,000 x 1.45%",
  },
  {
    name: "SLABTAX",
    formula: "BPO.SLABTAX(500000,{0,0;250000,0.05;500000,0.2})",
    args: [
      500000,
      [
        [0, 0],
        [250000, 0.05],
        [500000, 0.2],
      ],
    ],
    expected: 12500,
    source: "5% of 2,50,000 (old-regime slabs, before rebate and cess)",
  },
  {
    name: "NETPAY",
    formula: "BPO.NETPAY(50000,1800,200,5000)",
    args: [50000, 1800, 200, 5000],
    expected: 43000,
    source: "50,000 - 1,800 - 200 - 5,000",
  },
  {
    name: "LINEAMOUNT",
    formula: "BPO.LINEAMOUNT(3,100,0.1,0.18)",
    args: [3, 100, 0.1, 0.18],
    expected: 318.6,
    source: "3 x 100 x 0.90 x 1.18",
  },
  {
    name: "GST",
    formula: 'INDEX(BPO.GST(10000,0.18,"MH","KA",DATE(2025,10,1)),1,3)',
    args: [10000, 0.18, "MH", "KA", d(2025, 10, 1)],
    pick: (v) => (v as number[][])[0][2],
    expected: 1800,
    source: "IGST Act 2017 s.5: inter-state supply, all IGST (the full spill is {0,0,1800})",
  },
  {
    name: "TAXFROMGROSS",
    formula: "BPO.TAXFROMGROSS(1180,0.18)",
    args: [1180, 0.18],
    expected: 180,
    source: "1,180 x 18 / 118 (catalogue example)",
  },
  {
    name: "INVOICETAX",
    formula: 'BPO.INVOICETAX({10.05,10.05,10.05},0.05,"total")',
    args: [[[10.05, 10.05, 10.05]], 0.05, "total"],
    expected: 1.51,
    source: "5% of 30.15 = 1.5075, rounded once (per line it is 1.50)",
  },
  {
    name: "DUEDATE",
    formula: 'BPO.DUEDATE(DATE(2025,1,15),"2/10 NET 30")',
    args: [d(2025, 1, 15), "2/10 NET 30"],
    expected: d(2025, 2, 14),
    source: "15 Jan 2025 + 30 days = 14 Feb 2025",
    numFmt: NUMFMT.date,
  },
  {
    name: "EARLYPAY",
    formula: 'BPO.EARLYPAY(1000,"2/10 NET 30",DATE(2025,1,1),DATE(2025,1,8))',
    args: [1000, "2/10 NET 30", d(2025, 1, 1), d(2025, 1, 8)],
    expected: 980,
    source: "paid within 10 days: 2% off",
  },
  {
    name: "LATEINTEREST",
    formula: 'BPO.LATEINTEREST(100000,DATE(2025,1,31),DATE(2025,4,30),0.165,"monthly")',
    args: [100000, d(2025, 1, 31), d(2025, 4, 30), 0.165, "monthly"],
    expected: 4181.98,
    source: "MSMED Act s.16 monthly rests: 100,000 x (1 + 0.165/12)^3 - 100,000",
  },
  {
    name: "AGINGBUCKET",
    formula: "BPO.AGINGBUCKET(DATE(2025,1,1),DATE(2025,4,2))",
    args: [d(2025, 1, 1), d(2025, 4, 2)],
    expected: "90+",
    source: "91 days past due (90 would be 61-90)",
  },
  {
    name: "DSO",
    formula: "BPO.DSO(250000,1000000,365)",
    args: [250000, 1000000, 365],
    expected: 91.25,
    source: "250,000 / 1,000,000 x 365",
  },
  {
    name: "ROUNDMONEY",
    formula: "BPO.ROUNDMONEY(1.005)",
    args: [1.005],
    expected: 1.01,
    source: "Excel: ROUND(1.005,2) = 1.01",
  },
  {
    name: "WORKHOURS",
    formula: "BPO.WORKHOURS(DATE(2025,1,3)+TIME(16,0,0),DATE(2025,1,6)+TIME(11,0,0))",
    args: [FRI_1600, MON_1100],
    expected: 4,
    source: "Fri 16:00-18:00 + Mon 09:00-11:00 (Sat/Sun off)",
  },
  {
    name: "SLAMET",
    formula: "BPO.SLAMET(DATE(2025,1,3)+TIME(16,0,0),DATE(2025,1,6)+TIME(11,0,0),4)",
    args: [FRI_1600, MON_1100, 4],
    expected: true,
    source: "4 working hours <= 4-hour SLA",
  },
  {
    name: "DPMO",
    formula: "BPO.DPMO(12,4000,5)",
    args: [12, 4000, 5],
    expected: 600,
    source: "12 / (4,000 x 5) x 1,000,000",
  },
];

const HEADER = ["Function", "Formula", "Live result", "Expected", "Check", "Where the expected value comes from"];
const FIRST = 4; // first example row (1-based)

/** The Function Gallery sheet: each example as text, as a live =BPO.* formula (with our value cached), and its expected value. */
export function gallerySheet(): { spec: SheetSpec; matches: number } {
  const rows: SpecCell[][] = [
    ["Function Gallery: one worked example per BPO.* function"],
    [
      "Column C is a live formula: Excel recalculates it with the add-in; the file carries the value bpo-desk computed.",
    ],
    HEADER,
  ];
  const styles: SheetSpec["styles"] = [
    { range: "A1", style: { bold: true, fontSize: 14 } },
    { range: "A2", style: { italic: true, fontColor: "#595959" } },
    { range: `A3:F3`, style: { bold: true, fill: "#DDEBF7", border: "thin-bottom" } },
  ];
  let matches = 0;
  GALLERY.forEach((ex, i) => {
    const r = FIRST + i;
    let v: CellValue;
    try {
      const out = excelCall(ex.name, ...ex.args);
      v = (ex.pick ? ex.pick(out) : out) as CellValue;
    } catch (e) {
      v = e instanceof ExcelError ? e.code : "#VALUE!";
    }
    const ok = v === ex.expected;
    if (ok) matches++;
    rows.push([
      ex.name,
      "=" + ex.formula,
      { f: ex.formula, v },
      ex.expected,
      { f: `IF(C${r}=D${r},"ok","DIFFERS")`, v: ok ? "ok" : "DIFFERS" },
      ex.source,
    ]);
    if (ex.numFmt) styles.push({ range: `C${r}:D${r}`, style: { numFmt: ex.numFmt } });
  });
  const last = FIRST + GALLERY.length - 1;
  return {
    matches,
    spec: {
      name: "Function Gallery",
      role: "demo:function-gallery",
      rows,
      columns: [{ width: 16 }, { width: 70 }, { width: 14 }, { width: 14 }, { width: 9 }, { width: 90 }],
      styles,
      freeze: { rows: 3, columns: 1 },
      conditionalFormats: [
        {
          range: `E${FIRST}:E${last}`,
          type: "cellValue",
          operator: "equal",
          formulas: ['"ok"'],
          style: { fontColor: "#006100", fill: "#C6EFCE" },
        },
        {
          range: `E${FIRST}:E${last}`,
          type: "cellValue",
          operator: "notEqual",
          formulas: ['"ok"'],
          style: { fontColor: "#9C0006", fill: "#FFC7CE" },
        },
      ],
    },
  };
}

/** Demo step for the functions capability: writes the Function Gallery sheet. */
export async function demoStep(ctx: DemoContext): Promise<string[]> {
  const { spec, matches } = gallerySheet();
  await ctx.wb.write(spec);
  return [
    `Function Gallery: ${GALLERY.length} functions, ${matches} of ${GALLERY.length} examples match their published values.`,
  ];
}
