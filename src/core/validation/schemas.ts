/**
 * The built-in table schemas: the workbook shapes of shared/spec/cli.md ("The workbook shapes"),
 * one definition per table. Synonyms follow the reconcile column synonyms of the same contract.
 */
import type { FieldDef, TableSchema } from "./fields";

/** Indian states and union territories as payroll sheets write them (RTO-style codes), with their names. */
export const STATE_CODES: Readonly<Record<string, string>> = {
  AN: "Andaman and Nicobar Islands",
  AP: "Andhra Pradesh",
  AR: "Arunachal Pradesh",
  AS: "Assam",
  BR: "Bihar",
  CH: "Chandigarh",
  CG: "Chhattisgarh",
  DH: "Dadra and Nagar Haveli and Daman and Diu",
  DL: "Delhi",
  GA: "Goa",
  GJ: "Gujarat",
  HR: "Haryana",
  HP: "Himachal Pradesh",
  JK: "Jammu and Kashmir",
  JH: "Jharkhand",
  KA: "Karnataka",
  KL: "Kerala",
  LA: "Ladakh",
  LD: "Lakshadweep",
  MP: "Madhya Pradesh",
  MH: "Maharashtra",
  MN: "Manipur",
  ML: "Meghalaya",
  MZ: "Mizoram",
  NL: "Nagaland",
  OD: "Odisha",
  PY: "Puducherry",
  PB: "Punjab",
  RJ: "Rajasthan",
  SK: "Sikkim",
  TN: "Tamil Nadu",
  TS: "Telangana",
  TR: "Tripura",
  UP: "Uttar Pradesh",
  UK: "Uttarakhand",
  WB: "West Bengal",
};

const STATE_ALIASES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(STATE_CODES).map(([code, name]) => [name, code])),
  CT: "CG",
  OR: "OD",
  Orissa: "OD",
  TG: "TS",
  UT: "UK",
  Uttaranchal: "UK",
  "New Delhi": "DL",
  "NCT of Delhi": "DL",
  Pondicherry: "PY",
  DN: "DH",
  DD: "DH",
};

/** A text field; const type parameters keep its key and flags literal, so TableRecord types it exactly. */
const text = <const K extends string, const C extends string, const M extends Partial<FieldDef> = object>(
  key: K,
  column: C,
  more?: M,
): { key: K; column: C; type: "text" } & M => ({ key, column, type: "text", ...(more as M) });

export const invoicesSchema = {
  name: "invoices",
  title: "Invoices",
  fields: [
    text("invoiceNo", "Invoice No", {
      synonyms: ["Invoice Number", "Invoice #", "Inv No", "Bill No", "Document No"],
      required: true,
      unique: true,
      maxLength: 16,
      help: "The number printed on the invoice; each invoice has its own (GST allows up to 16 characters).",
    }),
    text("customer", "Customer", {
      synonyms: ["Customer Name", "Client", "Party", "Buyer"],
      required: true,
      repeat: true,
      suggest: true,
      maxLength: 200,
    }),
    {
      // Not "same as last": it follows the customer (see follows below), so a new customer starts blank.
      key: "customerGstin",
      column: "Customer GSTIN",
      synonyms: ["GSTIN", "GST No", "GSTIN/UIN", "Buyer GSTIN"],
      type: "gstin",
      help: "15 characters, e.g. 27AAPFU0939F1ZV; leave blank for an unregistered customer.",
    },
    {
      key: "invoiceDate",
      column: "Invoice Date",
      synonyms: ["Inv Date", "Bill Date", "Date"],
      type: "date",
      required: true,
      default: "today",
    },
    { key: "dueDate", column: "Due Date", synonyms: ["Due On", "Payment Due"], type: "date", help: "Or give Terms." },
    text("terms", "Terms", {
      synonyms: ["Payment Terms", "Credit Terms"],
      pattern: "(?:\\d{1,2}/\\d{1,2}\\s+)?(?:net\\s*\\d{1,3}|\\d{1,3}\\s*days?|due on receipt|immediate)",
      ignoreCase: true,
      normalize: "upper",
      example: "NET 30, 2/10 NET 30 or 45 days",
      repeat: true,
      suggest: true,
    }),
    {
      key: "amount",
      column: "Amount",
      synonyms: ["Invoice Amount", "Total", "Invoice Value", "Net Amount"],
      type: "money",
      required: true,
      min: 0.01,
      help: "Invoice total in rupees, e.g. 1,23,456.78.",
    },
    {
      key: "paid",
      column: "Paid",
      synonyms: ["Amount Paid", "Received", "Paid Amount"],
      type: "money",
      min: 0,
      default: 0,
      help: "Amount received so far (open balance = Amount − Paid).",
    },
  ],
  rules: [
    { type: "atLeastOne", fields: ["dueDate", "terms"] },
    { type: "notBefore", field: "dueDate", other: "invoiceDate" },
    { type: "notMore", field: "paid", other: "amount" },
  ],
  follows: [{ from: "customer", fill: ["customerGstin", "terms"] }],
} as const satisfies TableSchema;

export const paymentsSchema = {
  name: "payments",
  title: "Payments",
  fields: [
    {
      key: "paymentDate",
      column: "Payment Date",
      synonyms: ["Date", "Receipt Date", "Value Date", "Txn Date"],
      type: "date",
      required: true,
      default: "today",
    },
    text("customer", "Customer", {
      synonyms: ["Customer Name", "Client", "Party", "Payer"],
      required: true,
      repeat: true,
      suggest: true,
      maxLength: 200,
    }),
    text("reference", "Reference", {
      synonyms: ["Ref", "Ref No", "UTR", "Cheque No", "Chq No", "Transaction ID"],
      required: true,
      maxLength: 50,
      help: "UTR, cheque number or the invoice number the customer quoted.",
    }),
    {
      key: "amount",
      column: "Amount",
      synonyms: ["Amount Received", "Net Amount"],
      type: "money",
      required: true,
      min: 0.01,
    },
  ],
} as const satisfies TableSchema;

export const employeesSchema = {
  name: "employees",
  title: "Employees",
  fields: [
    text("employeeId", "Employee ID", {
      synonyms: ["Emp ID", "Emp Code", "Employee Code", "Employee No"],
      required: true,
      unique: true,
      maxLength: 20,
    }),
    text("name", "Name", { synonyms: ["Employee Name", "Full Name"], required: true, maxLength: 200 }),
    {
      key: "state",
      column: "State",
      synonyms: ["Work State", "Location State"],
      type: "list",
      list: Object.keys(STATE_CODES),
      aliases: STATE_ALIASES,
      required: true,
      repeat: true,
      help: "State of work (decides professional tax): MH, KA, TN ... or the state's name.",
    },
    {
      key: "gender",
      column: "Gender",
      synonyms: ["Sex"],
      type: "list",
      list: ["M", "F", "T"],
      aliases: { Male: "M", Female: "F", Transgender: "T", Other: "T" },
      required: true,
    },
    { key: "basic", column: "Basic", synonyms: ["Basic Pay", "Basic Salary"], type: "money", required: true, min: 0 },
    { key: "hra", column: "HRA", synonyms: ["House Rent Allowance"], type: "money", min: 0, default: 0 },
    {
      key: "otherAllowances",
      column: "Other Allowances",
      synonyms: ["Other Allowance", "Special Allowance", "Allowances"],
      type: "money",
      min: 0,
      default: 0,
    },
    {
      key: "pf",
      column: "PF",
      synonyms: ["PF (Y/N)", "PF Applicable"],
      type: "yn",
      required: true,
      default: "Y",
      repeat: true,
    },
    {
      key: "esi",
      column: "ESI",
      synonyms: ["ESI (Y/N)", "ESI Applicable"],
      type: "yn",
      required: true,
      default: "N",
      repeat: true,
    },
    {
      key: "pan",
      column: "PAN",
      synonyms: ["PAN No", "PAN Number"],
      type: "pan",
      panEntity: "P",
      help: "e.g. ABCPE1234F",
    },
    { key: "uan", column: "UAN", synonyms: ["UAN No", "PF UAN"], type: "uan", help: "12 digits from EPFO" },
    {
      key: "ifsc",
      column: "IFSC",
      synonyms: ["IFSC Code", "Bank IFSC"],
      type: "ifsc",
      repeat: true,
      help: "e.g. HDFC0001234",
    },
    text("bankAccount", "Bank Account", {
      synonyms: ["Account No", "Bank Account No", "Account Number", "A/c No"],
      pattern: "\\d{9,18}",
      example: "123456789012 (9 to 18 digits)",
    }),
  ],
} as const satisfies TableSchema;

export const attendanceSchema = {
  name: "attendance",
  title: "Attendance",
  fields: [
    text("employeeId", "Employee ID", {
      synonyms: ["Emp ID", "Emp Code", "Employee Code"],
      required: true,
      suggest: true,
      maxLength: 20,
    }),
    { key: "month", column: "Month", synonyms: ["Pay Month", "Period"], type: "month", required: true, repeat: true },
    {
      key: "daysPaid",
      column: "Days Paid",
      synonyms: ["Paid Days", "Payable Days"],
      type: "number",
      required: true,
      min: 0,
      max: 31,
    },
    {
      key: "daysInMonth",
      column: "Days In Month",
      synonyms: ["Month Days"],
      type: "integer",
      required: true,
      min: 28,
      max: 31,
      repeat: true,
    },
  ],
  rules: [{ type: "notMore", field: "daysPaid", other: "daysInMonth" }],
} as const satisfies TableSchema;

export const bankSchema = {
  name: "bank",
  title: "Bank statement",
  fields: [
    {
      key: "date",
      column: "Date",
      synonyms: ["Txn Date", "Transaction Date", "Value Date", "Posting Date"],
      type: "date",
      required: true,
    },
    text("narration", "Narration", {
      synonyms: ["Description", "Particulars", "Details", "Remarks", "Memo", "Payee"],
      required: true,
    }),
    text("refNo", "Ref No", { synonyms: ["Reference", "Ref", "Cheque No", "Chq No", "UTR", "Chq/Ref No"] }),
    {
      key: "withdrawal",
      column: "Withdrawal",
      synonyms: ["Withdrawals", "Paid Out", "Withdrawal Amt", "Debit", "Dr"],
      type: "money",
      min: 0,
    },
    {
      key: "deposit",
      column: "Deposit",
      synonyms: ["Deposits", "Paid In", "Deposit Amt", "Credit", "Cr"],
      type: "money",
      min: 0,
    },
    { key: "balance", column: "Balance", synonyms: ["Closing Balance", "Running Balance"], type: "money" },
  ],
  rules: [{ type: "exactlyOne", fields: ["withdrawal", "deposit"] }],
} as const satisfies TableSchema;

export const ledgerSchema = {
  name: "ledger",
  title: "Ledger",
  fields: [
    {
      key: "date",
      column: "Date",
      synonyms: ["Voucher Date", "Posting Date", "Txn Date"],
      type: "date",
      required: true,
    },
    text("voucherNo", "Voucher No", { synonyms: ["Voucher", "Vch No", "Document No"], required: true, maxLength: 50 }),
    text("particulars", "Particulars", {
      synonyms: ["Narration", "Description", "Account", "Details", "Memo", "Payee"],
      required: true,
    }),
    { key: "debit", column: "Debit", synonyms: ["Dr", "Debit Amount"], type: "money", min: 0 },
    { key: "credit", column: "Credit", synonyms: ["Cr", "Credit Amount"], type: "money", min: 0 },
  ],
  rules: [{ type: "exactlyOne", fields: ["debit", "credit"] }],
} as const satisfies TableSchema;

export const workItemsSchema = {
  name: "workitems",
  title: "Work items",
  fields: [
    text("itemId", "Item ID", {
      synonyms: ["Ticket ID", "Case ID", "Work Item ID"],
      required: true,
      unique: true,
      maxLength: 50,
    }),
    text("process", "Process", { synonyms: ["Queue", "Process Name"], required: true, repeat: true, suggest: true }),
    text("agent", "Agent", {
      synonyms: ["Agent Name", "Assigned To", "Processor"],
      required: true,
      repeat: true,
      suggest: true,
    }),
    {
      key: "received",
      column: "Received",
      synonyms: ["Received At", "Received On", "Start"],
      type: "timestamp",
      required: true,
      default: "now",
    },
    { key: "completed", column: "Completed", synonyms: ["Completed At", "Completed On", "End"], type: "timestamp" },
    {
      key: "slaHours",
      column: "SLA Hours",
      synonyms: ["SLA", "SLA (Hours)", "TAT Hours"],
      type: "number",
      required: true,
      min: 0.01,
      max: 8760,
      repeat: true,
    },
    {
      key: "qcResult",
      column: "QC Result",
      synonyms: ["QC", "Quality Result", "QC Status"],
      type: "list",
      list: ["Pass", "Fail"],
      aliases: { Passed: "Pass", Failed: "Fail" },
    },
  ],
  rules: [{ type: "notBefore", field: "completed", other: "received" }],
  follows: [{ from: "process", fill: ["slaHours"] }],
} as const satisfies TableSchema;

/** Built-in schemas by CLI name, in detection order. */
export const BUILT_IN_SCHEMAS = {
  invoices: invoicesSchema,
  payments: paymentsSchema,
  employees: employeesSchema,
  attendance: attendanceSchema,
  bank: bankSchema,
  ledger: ledgerSchema,
  workitems: workItemsSchema,
} as const;

export type BuiltInSchemaName = keyof typeof BUILT_IN_SCHEMAS;

/** The built-in schema for a name (case-insensitive; "work-items"/"work items" too), or null. */
export function builtInSchema(name: string): TableSchema | null {
  const k = name.toLowerCase().replace(/[^a-z]/g, "");
  return (BUILT_IN_SCHEMAS as Record<string, TableSchema>)[k] ?? null;
}
