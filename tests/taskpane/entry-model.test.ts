/**
 * The entry form's reads (src/taskpane/views/entry/model.ts) through the office adapter on the instrumented
 * Excel fake: the keys are read once, the keys kept after an entry are exactly what reading the table back
 * would give, and a form without a unique field reads nothing. The fake counts round trips and payload bytes.
 */
import { generateSample, sampleSheets } from "../../src/core/sample";
import { OfficeWorkbook } from "../../src/workbook/office";
import { appendEntry } from "../../src/workbook/jobs/entry";
import { ExcelFake } from "../fakes/excel-fake";
import {
  formModel,
  needsExistingKeys,
  readExistingKeys,
  rowFor,
  withEntry,
  type FormModel,
} from "../../src/taskpane/views/entry/model";
import { builtInSchema, checkRecord } from "../../src/core/validation";

async function sampleInFake(): Promise<{ fake: ExcelFake; wb: OfficeWorkbook }> {
  const fake = new ExcelFake();
  const wb = new OfficeWorkbook(fake.run);
  for (const spec of sampleSheets(generateSample())) if (spec.name === "Employees") await wb.write(spec);
  fake.resetCounters();
  return { fake, wb };
}

async function employeesModel(wb: OfficeWorkbook): Promise<FormModel> {
  const info = (await wb.tables()).find((t) => t.name === "Employees")!;
  return formModel(builtInSchema("employees")!, info.headers);
}

const RECORD = {
  employeeId: "E9101",
  name: "Priya Nair",
  state: "KA",
  gender: "F",
  basic: "30000",
  hra: "12000",
  otherAllowances: "0",
  pf: "Y",
  esi: "N",
  pan: "ABCPE1234F",
  uan: "100123456789",
  ifsc: "HDFC0000001",
  bankAccount: "50100123456789",
};

describe("the entry form's reads, on the Excel fake", () => {
  it("keeps the keys current after an entry without reading the table back", async () => {
    const { fake, wb } = await sampleInFake();
    const model = await employeesModel(wb);
    expect(needsExistingKeys(model)).toBe(true);
    fake.resetCounters();
    const keys = await readExistingKeys(wb, "Employees", model);
    const oneRead = { syncs: fake.syncCount, bytes: fake.totalBytes };
    expect(oneRead.syncs).toBeGreaterThan(0);
    expect(keys.get("employeeId")?.has("e1001")).toBe(true);

    const check = checkRecord(model.schema, RECORD, { dateOrder: "DMY", existing: keys });
    expect(check.issues).toEqual({});
    await appendEntry(wb, "Employees", model.headers, rowFor(model, check.values));
    const kept = withEntry(keys, model, check.values);
    // What the form keeps is what a fresh read of the table now says.
    expect(kept).toEqual(await readExistingKeys(wb, "Employees", model));
    // And the same Employee ID again is refused from the kept keys.
    const again = checkRecord(model.schema, { ...RECORD, employeeId: " e9101 " }, { dateOrder: "DMY", existing: kept });
    expect(again.issues.employeeId?.rule).toBe("unique");
    // The keys read before the entry are untouched (React state is replaced, never mutated).
    expect(keys.get("employeeId")?.has("e9101")).toBe(false);
  });

  it("reads nothing for a form without a unique field", async () => {
    const { fake, wb } = await sampleInFake();
    const model = await employeesModel(wb);
    const plain = formModel(
      { ...model.schema, fields: model.schema.fields.map((f) => ({ ...f, unique: false })) },
      model.headers,
    );
    expect(needsExistingKeys(plain)).toBe(false);
    fake.resetCounters();
    expect(await readExistingKeys(wb, "Employees", plain)).toEqual(new Map());
    expect(fake.syncCount).toBe(0);
  });
});
