import { epf, esi, professionalTax } from "../../../src/core/payroll";
import { serialFromYmd } from "../../../src/core/dates";
import { err } from "../../helpers/excel-error";

const ON = serialFromYmd(2025, 6, 15);

describe("EPF (EPF & MP Act 1952; EPS 1995; EDLI 1976)", () => {
  test("wage above the 15,000 ceiling: 12% of 15,000 = 1,800; EPS 8.33% of 15,000 = 1,249.50 -> 1,250", () => {
    expect(epf(20000, "employee", true, ON)).toBe(1800);
    expect(epf(20000, "eps", true, ON)).toBe(1250);
    expect(epf(20000, "employer", true, ON)).toBe(550);
    expect(epf(20000, "edli", true, ON)).toBe(75);
    expect(epf(20000, "admin", true, ON)).toBe(75);
  });
  test("exactly 15,000 is the ceiling", () => {
    expect(epf(15000, "employee", true, ON)).toBe(1800);
    expect(epf(15000, "eps", true, ON)).toBe(1250);
  });
  test("EPFO's usual split on 10,000: 1,200 employee = 833 EPS + 367 EPF", () => {
    expect(epf(10000, "employee", true, ON)).toBe(1200);
    expect(epf(10000, "eps", true, ON)).toBe(833);
    expect(epf(10000, "employer", true, ON)).toBe(367);
  });
  test("uncapped: 12% of the full wage; EPS stays capped", () => {
    expect(epf(20000, "employee", false, ON)).toBe(2400);
    expect(epf(20000, "employer", false, ON)).toBe(1150);
    expect(epf(20000, "admin", false, ON)).toBe(100);
  });
  test("nearest rupee half up: 12% of 12,345.50 = 1,481.46 -> 1,481", () => {
    expect(epf(12345.5, "employee", true, ON)).toBe(1481);
  });
  test("admin charges were 0.65% before 2018-06-01", () => {
    expect(epf(15000, "admin", true, serialFromYmd(2018, 5, 31))).toBe(98); // 97.50 -> 98
  });
  test("bad input", () => {
    expect(err(() => epf(-1, "employee", true, ON))).toMatch(/^#NUM! pfWage/);
    expect(err(() => epf(100, "boss", true, ON))).toMatch(/^#N\/A part/);
    expect(err(() => epf(100, "employee", true, serialFromYmd(2010, 1, 1)))).toMatch(/^#N\/A EPF rates/);
  });
});

describe("ESI (ESI Act 1948; 0.75% / 3.25% from 2019-07-01; ceiling 21,000)", () => {
  test("rounded up to the next rupee", () => {
    expect(esi(21000, "employee", ON)).toBe(158); // 157.50
    expect(esi(21000, "employer", ON)).toBe(683); // 682.50
    expect(esi(15000, "employee", ON)).toBe(113); // 112.50
    expect(esi(20000, "employee", ON)).toBe(150); // exactly 150
  });
  test("above 21,000 not covered", () => {
    expect(esi(21000.01, "employee", ON)).toBe(0);
    expect(esi(25000, "employer", ON)).toBe(0);
  });
  test("old rates 1.75% before 2019-07-01", () => {
    expect(esi(10000, "employee", serialFromYmd(2019, 6, 30))).toBe(175);
  });
  test("bad input", () => {
    expect(err(() => esi(-5, "employee", ON))).toMatch(/^#NUM!/);
    expect(err(() => esi(100, "x", ON))).toMatch(/^#N\/A part/);
  });
});

describe("professional tax", () => {
  const FY26 = serialFromYmd(2025, 6, 1);
  test("Maharashtra men: 7,500 nil; 7,501-10,000 175; above 200, February 300", () => {
    expect(professionalTax(7500, "MH", 1, "M", FY26)).toBe(0);
    expect(professionalTax(7501, "MH", 1, "M", FY26)).toBe(175);
    expect(professionalTax(10000, "MH", 1, "M", FY26)).toBe(175);
    expect(professionalTax(10001, "MH", 1, "M", FY26)).toBe(200);
    expect(professionalTax(10001, "MH", 2, "M", FY26)).toBe(300);
    expect(professionalTax(10001, "MH", undefined, "M", FY26)).toBe(200);
  });
  test("Maharashtra women: nil up to 25,000, then as men", () => {
    expect(professionalTax(25000, "27", 2, "F", FY26)).toBe(0);
    expect(professionalTax(25001, "Maharashtra", 2, "female", FY26)).toBe(300);
  });
  test("Karnataka from 2025-04-01: below 25,000 nil, else 200 (300 in February)", () => {
    expect(professionalTax(24999, "KA", 1, "M", FY26)).toBe(0);
    expect(professionalTax(25000, "KA", 1, "M", FY26)).toBe(200);
    expect(professionalTax(25000, "29", 2, "F", FY26)).toBe(300);
  });
  test("Karnataka before 2025-04-01: 15,000 and above 200 (month given as a date picks the table)", () => {
    expect(professionalTax(15000, "KA", serialFromYmd(2025, 3, 10))).toBe(200);
    expect(professionalTax(14999, "KA", serialFromYmd(2025, 2, 10))).toBe(0);
    expect(professionalTax(20000, "KA", serialFromYmd(2025, 4, 10))).toBe(0);
  });
  test("bad input", () => {
    expect(err(() => professionalTax(20000, "DL", 1, "M", FY26))).toMatch(/^#N\/A state/);
    expect(err(() => professionalTax(20000, "MH", 13, "M", FY26))).toMatch(/^#NUM! month/);
    expect(err(() => professionalTax(20000, "MH", 1, "X", FY26))).toMatch(/gender/);
    expect(err(() => professionalTax(-1, "MH", 1, "M", FY26))).toMatch(/^#NUM!/);
  });
});
