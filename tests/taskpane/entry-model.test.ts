/**
 * The entry form's model (src/taskpane/views/entry/model.ts): what it reads, through the office adapter on
 * the instrumented Excel fake (the table once; what it keeps after an entry is exactly what reading the
 * table back would give; nothing for a form that needs nothing), and what a blank form starts with, where
 * Enter goes and what follows from a choice, on the demo's Invoices.
 */
import { generateSample, sampleSheets } from "../../src/core/sample";
import { serialFromYmd } from "../../src/core/dates";
import { OfficeWorkbook } from "../../src/workbook/office";
import { appendEntry } from "../../src/workbook/jobs/entry";
import { ExcelFake } from "../fakes/excel-fake";
import {
  applyFollows,
  baselineValues,
  dateColumnsOf,
  formModel,
  hasInput,
  initialValues,
  memoryWith,
  needsTableRead,
  nextNeededField,
  rawRecord,
  readTableMemory,
  recordLabel,
  rowFor,
  type FormModel,
  type TableMemory,
} from "../../src/taskpane/views/entry/model";
import { builtInSchema, checkRecord } from "../../src/core/validation";

async function sampleInFake(table: string): Promise<{ fake: ExcelFake; wb: OfficeWorkbook }> {
  const fake = new ExcelFake();
  const wb = new OfficeWorkbook(fake.run);
  for (const spec of sampleSheets(generateSample())) if (spec.name === table) await wb.write(spec);
  fake.resetCounters();
  return { fake, wb };
}

async function modelOf(wb: OfficeWorkbook, table: string, schema: string): Promise<FormModel> {
  const info = (await wb.tables()).find((t) => t.name === table)!;
  return formModel(builtInSchema(schema)!, info.headers);
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
  it("keeps its memory current after an entry without reading the table back", async () => {
    const { fake, wb } = await sampleInFake("Employees");
    const model = await modelOf(wb, "Employees", "employees");
    expect(needsTableRead(model)).toBe(true);
    fake.resetCounters();
    const memory = await readTableMemory(wb, "Employees", model);
    expect(fake.syncCount).toBeGreaterThan(0);
    expect(memory.existing.get("employeeId")?.has("e1001")).toBe(true);
    expect(memory.recall.next.get("employeeId")).toBe("E1051");

    const check = checkRecord(model.schema, RECORD, { dateOrder: "DMY", existing: memory.existing });
    expect(check.issues).toEqual({});
    const row = rowFor(model, check.values);
    await appendEntry(wb, "Employees", model.headers, row);
    const kept = memoryWith(memory, model, check.values, row);
    // What the form keeps is what a fresh read of the table now says.
    expect(kept).toEqual(await readTableMemory(wb, "Employees", model));
    expect(kept.recall.next.get("employeeId")).toBe("E9102");
    // And the same Employee ID again is refused from the kept keys.
    const again = checkRecord(
      model.schema,
      { ...RECORD, employeeId: " e9101 " },
      { dateOrder: "DMY", existing: kept.existing },
    );
    expect(again.issues.employeeId?.rule).toBe("unique");
    // The memory read before the entry is untouched (React state is replaced, never mutated).
    expect(memory.existing.get("employeeId")?.has("e9101")).toBe(false);
    expect(memory.recall.next.get("employeeId")).toBe("E1051");
  });

  it("reads nothing for a form that checks no unique field, suggests nothing and fills nothing", async () => {
    const { fake, wb } = await sampleInFake("Employees");
    const model = await modelOf(wb, "Employees", "employees");
    const plain = formModel(
      { ...model.schema, fields: model.schema.fields.map((f) => ({ ...f, unique: false, suggest: false })) },
      model.headers,
    );
    expect(needsTableRead(plain)).toBe(false);
    fake.resetCounters();
    const memory = await readTableMemory(wb, "Employees", plain);
    expect(memory.existing).toEqual(new Map());
    expect(fake.syncCount).toBe(0);
  });
});

describe("a blank invoice, and what follows from the customer", () => {
  let model: FormModel;
  let memory: TableMemory;
  const now = new Date(2025, 10, 3); // 3 Nov 2025, local time
  const acme = "Acme Retail Pvt Ltd";
  beforeAll(async () => {
    const { wb } = await sampleInFake("Invoices");
    model = await modelOf(wb, "Invoices", "invoices");
    memory = await readTableMemory(wb, "Invoices", model);
  });
  const lastOf = (customer: string) => memory.recall.last.get("customer")!.get(customer.toLowerCase())!;

  it("names the record's date columns, so a 1904-system book gets its own serials", () => {
    expect(dateColumnsOf(model).map((i) => model.headers[i])).toEqual(["Invoice Date", "Due Date"]);
  });

  it("proposes the next invoice number and today's date, and suggests the customers already in the table", () => {
    const v = initialValues(model, "DMY", now, null, memory);
    expect(v.invoiceNo).toBe("INV-2025-0301");
    expect(v.invoiceDate).toBe("03/11/2025");
    expect(v.customer).toBe("");
    expect(v.paid).toBe("0");
    expect(memory.recall.choices.get("customer")).toHaveLength(12);
    expect(memory.recall.choices.get("terms")).toEqual(["2/10 NET 30", "NET 15", "NET 30", "NET 45", "NET 60"]);
  });

  it("after an entry keeps the customer and the batch's date, and brings the customer's GSTIN and terms back", () => {
    const last = { ...initialValues(model, "DMY", now, null, memory), customer: acme, invoiceDate: "15/10/2025" };
    const v = initialValues(model, "DMY", now, last, memory);
    expect(v.invoiceDate).toBe("15/10/2025"); // same as last, not today
    expect(v.customer).toBe(acme);
    expect(v.customerGstin).toBe(lastOf(acme).customerGstin);
    expect(v.terms).toBe(lastOf(acme).terms);
    expect(v.amount).toBe("");
  });

  it("choosing a customer fills its GSTIN and terms; a new one empties the GSTIN the form filled but keeps what the user typed", () => {
    const base = baselineValues(model, "DMY", now, null, memory);
    const chosen = applyFollows(
      model,
      memory,
      "DMY",
      { ...base, customer: "bluewave logistics llp" },
      "customer",
      base,
      {},
    );
    const blue = lastOf("Bluewave Logistics LLP");
    expect(chosen.values.customerGstin).toBe(blue.customerGstin);
    expect(chosen.values.terms).toBe(blue.terms);
    const fresh = applyFollows(
      model,
      memory,
      "DMY",
      { ...chosen.values, customer: "Narmada Chemicals" },
      "customer",
      base,
      chosen.auto,
    );
    expect(fresh.values.customerGstin).toBe("");
    expect(fresh.values.terms).toBe(base.terms);
    // A GSTIN the user typed for a new customer stays when they correct the name.
    const typed = { ...fresh.values, customerGstin: "27AAPFU0939F1ZV" };
    const renamed = applyFollows(
      model,
      memory,
      "DMY",
      { ...typed, customer: "Narmada Chemical Co" },
      "customer",
      base,
      fresh.auto,
    );
    expect(renamed.values.customerGstin).toBe("27AAPFU0939F1ZV");
  });

  it("Enter goes to the next field still needed, and says what to fix when none is left", () => {
    const v = { ...initialValues(model, "DMY", now, null, memory), customer: acme };
    const filled = applyFollows(model, memory, "DMY", v, "customer", v, {}).values;
    const issues = checkRecord(model.schema, rawRecord(filled), { dateOrder: "DMY", existing: memory.existing }).issues;
    expect(nextNeededField(model, filled, issues, "invoiceNo")).toBe("amount");
    expect(nextNeededField(model, filled, issues, "amount")).toBeNull();
    const done = { ...filled, amount: "45210" };
    const ok = checkRecord(model.schema, rawRecord(done), { dateOrder: "DMY", existing: memory.existing });
    expect(ok.ok).toBe(true);
    expect(recordLabel(model, ok.values)).toEqual({ name: "INV-2025-0301", amount: "₹45,210.00" });
    expect(ok.values.invoiceDate).toBe(serialFromYmd(2025, 11, 3));
  });

  it("tells input from a blank form", () => {
    const blank = initialValues(model, "DMY", now, null, memory);
    expect(hasInput(blank, blank)).toBe(false);
    expect(hasInput({ ...blank, amount: "5" }, blank)).toBe(true);
    expect(hasInput({ ...blank, amount: "  " }, blank)).toBe(false);
  });
});
