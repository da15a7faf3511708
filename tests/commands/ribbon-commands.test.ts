/**
 * Ribbon command shell: every ExecuteFunction completes its event exactly once on every path
 * (Office leaves the ribbon busy otherwise), shows the written sheet or asks the taskpane for input,
 * and reports errors instead of swallowing them.
 */
jest.mock("../../src/commands/report-handlers", () => ({ runReport: jest.fn() }));

import { reportCommand, withCompletion, type CommandDeps, type CompletableEvent } from "../../src/commands/commands";
import { takeNotices } from "../../src/taskpane/bridge";
import type { Workbook } from "../../src/workbook/port";

function fakeEvent(): CompletableEvent & { calls: number } {
  const e = {
    calls: 0,
    completed() {
      e.calls++;
    },
  };
  return e;
}

function deps(over: Partial<CommandDeps>): CommandDeps & { activated: string[]; asked: string[] } {
  const activated: string[] = [];
  const asked: string[] = [];
  return {
    workbook: () => ({ kind: "file" }) as unknown as Workbook,
    run: async () => ({ sheet: null, message: "" }),
    activate: async (s) => void activated.push(s),
    askForInput: async (k) => void asked.push(k),
    activated,
    asked,
    ...over,
  };
}

beforeEach(() => takeNotices());

describe("withCompletion", () => {
  it("completes once after a handler that succeeds", async () => {
    const e = fakeEvent();
    let ran = false;
    await withCompletion(async () => {
      ran = true;
    })(e);
    expect(ran).toBe(true);
    expect(e.calls).toBe(1);
  });

  it("completes once after a handler that throws, and reports the error", async () => {
    const e = fakeEvent();
    const seen: unknown[] = [];
    await withCompletion(
      async () => {
        throw new Error("Table Invoices not found");
      },
      (err) => void seen.push(err),
    )(e);
    expect(e.calls).toBe(1);
    expect((seen[0] as Error).message).toBe("Table Invoices not found");
  });

  it("completes even when a synchronous handler throws and the error reporter fails too", async () => {
    const e = fakeEvent();
    await withCompletion(
      () => {
        throw new Error("boom");
      },
      () => {
        throw new Error("no taskpane");
      },
    )(e);
    expect(e.calls).toBe(1);
  });

  it("by default posts the error to the taskpane's notices", async () => {
    const e = fakeEvent();
    await withCompletion(async () => {
      throw new Error("No Employees table");
    })(e);
    expect(e.calls).toBe(1);
    expect(takeNotices()).toEqual([{ message: "The report did not run: No Employees table", intent: "error" }]);
  });
});

describe("reportCommand", () => {
  it("activates the written sheet and says what was done", async () => {
    const d = deps({ run: async (kind) => ({ sheet: `Report ${kind}`, message: "Aging written: 12 customers" }) });
    const e = fakeEvent();
    await reportCommand("aging", d)(e);
    expect(d.activated).toEqual(["Report aging"]);
    expect(d.asked).toEqual([]);
    expect(takeNotices()).toEqual([{ message: "Aging written: 12 customers", intent: "success" }]);
    expect(e.calls).toBe(1);
  });

  it("opens the Reports view when the report needs input (sheet null)", async () => {
    const d = deps({ run: async () => ({ sheet: null, message: "Choose the bank and ledger tables" }) });
    const e = fakeEvent();
    await reportCommand("recon", d)(e);
    expect(d.asked).toEqual(["recon"]);
    expect(d.activated).toEqual([]);
    expect(takeNotices()).toEqual([{ message: "Choose the bank and ledger tables", intent: "info" }]);
    expect(e.calls).toBe(1);
  });

  it("completes and reports when the report fails", async () => {
    const d = deps({
      run: async () => {
        throw new Error("Payroll needs an Attendance table");
      },
    });
    const e = fakeEvent();
    await reportCommand("payroll", d)(e);
    expect(e.calls).toBe(1);
    const notices = takeNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0].intent).toBe("error");
    expect(notices[0].message).toContain("Payroll needs an Attendance table");
  });

  it("passes the kind and the workbook through to the report", async () => {
    const wb = { kind: "office" } as unknown as Workbook;
    const calls: unknown[] = [];
    const d = deps({
      workbook: () => wb,
      run: async (kind, w) => {
        calls.push([kind, w]);
        return { sheet: "SLA", message: "ok" };
      },
    });
    await reportCommand("sla", d)(fakeEvent());
    expect(calls).toEqual([["sla", wb]]);
  });
});
