import { gallerySheet, GALLERY } from "../../src/cli/demo-steps/functions";
import { CATALOGUE } from "../../src/functions/catalogue";
import { isFormulaCell, NUMFMT } from "../../src/core/sheet-spec";
import { callAsExcel } from "./excel-call";

test("the Function Gallery has one worked example per catalogue function, each a live BPO formula", () => {
  expect(GALLERY.map((g) => g.name).sort()).toEqual(CATALOGUE.map((c) => c.name).sort());
  const { spec } = gallerySheet();
  expect(spec.role).toBe("demo:function-gallery");
  const body = spec.rows.slice(3);
  expect(body).toHaveLength(CATALOGUE.length);
  for (const row of body) {
    const live = row[2];
    expect(isFormulaCell(live)).toBe(true);
    if (isFormulaCell(live)) expect(live.f).toContain(`BPO.${row[0]}(`);
  }
});

test("every example computes its published expected value, called as Excel calls the function", () => {
  const { spec, matches } = gallerySheet();
  const differing = spec.rows.slice(3).filter((r) => isFormulaCell(r[2]) && r[2].v !== r[3]);
  expect(differing).toEqual([]);
  expect(matches).toBe(GALLERY.length);
  for (const ex of GALLERY) {
    const shown = callAsExcel(ex.name, ...ex.args);
    expect([ex.name, ex.pick ? ex.pick(shown) : shown]).toEqual([ex.name, ex.expected]);
  }
});

test("the date result (DUEDATE) is formatted as a date in the gallery, not shown as a serial", () => {
  const { spec } = gallerySheet();
  const row = 4 + GALLERY.findIndex((g) => g.name === "DUEDATE");
  expect(spec.styles).toContainEqual({ range: `C${row}:D${row}`, style: { numFmt: NUMFMT.date } });
});
