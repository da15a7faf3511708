/**
 * Every BPO.* function gives the catalogue's results when Excel calls it: the examples of shared/spec/functions.md
 * and of each function's JSDoc (its description in Excel), through the Excel calling convention (excel-call.ts).
 */
import { serialFromYmd as d } from "../../src/core/dates";
import { CATALOGUE } from "../../src/functions/catalogue";
import { callAsExcel, callOn, type ExcelArg, type Shown } from "./excel-call";

const FRI_1600 = d(2025, 1, 3) + 16 / 24;
const MON_1100 = d(2025, 1, 6) + 11 / 24;

/** [function, arguments as the formula holds them, what the cell shows, where the expectation comes from] */
const EXAMPLES: [string, ExcelArg[], Shown, string][] = [
  ["GROSSPAY", [45, 20], 950, "JSDoc: 40 x 20 + 5 x 30"],
  ["GROSSPAY", [46, 12, 40, 1.5, 46], 637, "29 CFR 778.110(b): regular rate (552 + 46) / 46 = 13"],
  ["PRORATE", [30000, 20, 30], 20000, "JSDoc"],
  ["EPF", [20000], 1800, "JSDoc: 12% of the 15,000 ceiling"],
  ["EPF", [20000, "eps"], 1250, "JSDoc: 8.33% of 15,000 = 1,249.50"],
  ["EPF", [20000, "employer"], 550, "functions.md: employee share - eps"],
  ["EPF", [20000, "edli"], 75, "functions.md: 0.5% of min(wage, 15,000), at most 75"],
  ["EPF", [20000, "admin"], 75, "functions.md: 0.5% of the capped wage"],
  ["EPF", [20000, undefined, false], 2400, "functions.md: capWage FALSE, 12% of 20,000"],
  ["ESI", [20000], 150, "JSDoc: 0.75%"],
  ["ESI", [20000, "employer"], 650, "functions.md: 3.25%"],
  ["ESI", [21000], 158, "functions.md: 157.50 rounded up"],
  ["ESI", [21001], 0, "functions.md: 0 above 21,000"],
  ["PROFTAX", [30000, "MH", 2], 300, "JSDoc: 300 in February"],
  ["PROFTAX", [7500, "MH"], 0, "functions.md: men up to 7,500 nil"],
  ["PROFTAX", [8000, "MH"], 175, "functions.md: 7,501-10,000 175"],
  ["PROFTAX", [12000, "MH", 1], 200, "functions.md: above 10,000 200"],
  ["PROFTAX", [20000, "MH", 1, "F"], 0, "functions.md: women nil up to 25,000"],
  ["PROFTAX", [24999, "KA"], 0, "functions.md: KA below 25,000 nil"],
  ["PROFTAX", [25000, "KA", 2], 300, "functions.md: KA 200, 300 in February"],
  ["PROFTAX", [30000, "MH", "2026-02"], 300, "functions.md: the attendance sheet's YYYY-MM month"],
  ["PROFTAX", [30000, "MH", "2026-03"], 200, "functions.md: YYYY-MM, not February"],
  ["INCOMETAX", [1210000], 10400, "JSDoc: marginal relief 10,000 + 4% cess"],
  ["INCOMETAX", [1300033], 78000, "functions.md: s.288A, taxed on 13,00,030"],
  ["INCOMETAX", [100000, "US-FED-2026-SINGLE"], 16712, "Rev. Proc. 2025-32: 5,800 + 22% x 49,600"],
  ["FEDWITHHOLDING", [1000, 52, "single"], 78.08, "JSDoc: Pub 15-T Worksheet 1A"],
  ["FICA", [1000], 76.5, "JSDoc: 7.65%"],
  ["FICA", [10000, 180000, 2026], 424, "SSA wage base 184,500: 4,500 x 6.2% + 1.45%"],
  [
    "SLABTAX",
    [
      500000,
      [
        [0, 0],
        [250000, 0.05],
        [500000, 0.2],
      ],
    ],
    12500,
    "JSDoc",
  ],
  ["NETPAY", [50000, 1800, 200], 48000, "JSDoc (the repeating parameter as Excel passes it)"],
  ["LINEAMOUNT", [3, 100, 0.1, 0.18], 318.6, "JSDoc"],
  ["GST", [10000, 0.18, "MH", "KA"], [[0, 0, 1800]], "JSDoc (today's slabs)"],
  ["GST", [1000, 0.28, "MH", "KA", d(2025, 10, 1)], [[0, 0, 280]], "functions.md: Schedule VII kept 28% to 2026-01-31"],
  ["TAXFROMGROSS", [1180, 0.18], 180, "functions.md: 1,180 at 18%"],
  ["INVOICETAX", [[[10.05], [10.05], [10.05]], 0.05, "line"], 1.5, "functions.md: per line"],
  ["INVOICETAX", [[[10.05, 10.05, 10.05]], 0.05, "total"], 1.51, "functions.md: on the total"],
  ["DUEDATE", [d(2025, 1, 15), "2/10 NET 30"], d(2025, 2, 14), "JSDoc"],
  ["DUEDATE", [d(2025, 1, 15), "EOM"], d(2025, 1, 31), "functions.md: end of invoice month"],
  ["DUEDATE", [d(2025, 1, 15), "net 15 eom"], d(2025, 2, 15), "functions.md: n days after the month end"],
  ["DUEDATE", [d(2025, 1, 15), "Due on receipt"], d(2025, 1, 15), "functions.md"],
  ["EARLYPAY", [1000, "2/10 NET 30", d(2025, 1, 1), d(2025, 1, 8)], 980, "JSDoc"],
  ["EARLYPAY", [1000, "2/10 NET 30", d(2025, 1, 1), d(2025, 1, 20)], 1000, "functions.md: after the discount days"],
  ["LATEINTEREST", [100000, d(2025, 1, 31), d(2025, 4, 30), 0.165, "monthly"], 4181.98, "functions.md"],
  ["AGINGBUCKET", [d(2025, 1, 1), d(2025, 1, 1) + 90], "61-90", "functions.md: 90 days past due"],
  ["AGINGBUCKET", [d(2025, 1, 1), d(2025, 1, 1) + 91], "90+", "functions.md: 91 days"],
  ["AGINGBUCKET", [d(2025, 1, 1), d(2025, 1, 1)], "Current", "functions.md: asOf <= dueDate"],
  ["DSO", [250000, 1000000, 365], 91.25, "JSDoc"],
  ["ROUNDMONEY", [1.005], 1.01, "JSDoc; Excel ROUND(1.005,2)"],
  ["ROUNDMONEY", [1.024, 0.05], 1, "JSDoc"],
  ["WORKHOURS", [FRI_1600, MON_1100], 4, "JSDoc: Fri 16-18 + Mon 9-11"],
  ["WORKHOURS", [FRI_1600, MON_1100, "09:00", "18:00", undefined, "0000011"], 4, "functions.md: the mask as text"],
  ["WORKHOURS", [FRI_1600, MON_1100, "09:00", "18:00", undefined, "0000111"], 2, "Fri off too: Mon 9-11"],
  ["WORKHOURS", [FRI_1600, MON_1100, undefined, undefined, undefined, "1111111"], 0, "functions.md: no working day"],
  ["WORKHOURS", [FRI_1600, MON_1100, undefined, undefined, undefined, 11], 13, "NETWORKDAYS.INTL 11: Sunday only"],
  ["SLAMET", [FRI_1600, MON_1100, 4], true, "functions.md: WORKHOURS <= slaHours"],
  ["SLAMET", [FRI_1600, MON_1100, 3], false, "4 working hours > 3"],
  ["DPMO", [12, 4000, 5], 600, "JSDoc"],
];

test("the examples cover all 23 catalogue functions", () => {
  expect(new Set(EXAMPLES.map((e) => e[0]))).toEqual(new Set(CATALOGUE.map((e) => e.name)));
  expect(CATALOGUE).toHaveLength(23);
});

test.each(EXAMPLES)("=BPO.%s(%j) shows %j (%s)", (name, args, expected) => {
  expect(callAsExcel(name, ...args)).toEqual(expected);
});

test.each(EXAMPLES)(
  "=BPO.%s(%j) shows the same when trailing omitted arguments are absent and no invocation follows",
  (name, args) => {
    expect(callOn({ bare: true }, name, ...args)).toEqual(callAsExcel(name, ...args));
  },
);
