/**
 * What a reconciler calls each item left over after matching, and what to do about it: the taskpane's
 * review queue and the bank reconciliation statement (src/core/reports/brs.ts) read these.
 *
 * Bank side (on the statement, not in the books): a bank charge (charges, fee, commission, GST on charges,
 * SMS charges), interest (credited or charged), a returned or reversed payment (NEFT return, cheque
 * bounced), a direct debit (NACH, ECS, standing instruction, EMI), a direct credit or deposit (money in
 * the books do not know of yet), else a possible error.
 * Book side (in the books, not on the statement): a deposit in transit (a book debit not yet credited by
 * the bank: recent, or dated after the statement ends), an unpresented cheque (a book credit not yet
 * presented), else a possible error (a deposit that should have cleared days ago, an electronic payment
 * the bank never saw).
 * Which side is the bank: the side the detector reads as a statement (left when both or neither are).
 * Dates are judged against the statement's end: its latest date, or the as-of date when given.
 */
import { fromCents } from "../money";
import { isoFromSerial } from "../dates";
import { descriptionOf, referenceOf, type PreparedSide } from "./columns";
import type { ReconMatch, ReconResult } from "./engine";
import { matchKey, unmatchedOf } from "./result";

export type ItemCategory =
  | "bank-charge"
  | "interest"
  | "returned"
  | "direct-debit"
  | "direct-credit"
  | "deposit-in-transit"
  | "unpresented-cheque"
  | "possible-error";

export const ITEM_CATEGORIES: readonly ItemCategory[] = [
  "bank-charge",
  "interest",
  "returned",
  "direct-debit",
  "direct-credit",
  "deposit-in-transit",
  "unpresented-cheque",
  "possible-error",
];

/** The category in a reconciler's words. */
export const CATEGORY_LABELS: Readonly<Record<ItemCategory, string>> = {
  "bank-charge": "Bank charge not in the books",
  interest: "Interest not in the books",
  returned: "Returned or reversed payment not in the books",
  "direct-debit": "Direct debit not in the books",
  "direct-credit": "Direct credit or deposit not in the books",
  "deposit-in-transit": "Deposit in transit",
  "unpresented-cheque": "Unpresented cheque",
  "possible-error": "Possible error",
};

/** An item a person reviews: where it is, what it is, why it was put there, and what to do. */
export interface ReviewItem {
  side: "left" | "right";
  /** Which statement it is on: the bank's, or the books'. */
  view: "bank" | "book";
  /** Item index into the prepared side, and its worksheet row. */
  item: number;
  row: number;
  /** Whole-day serial, or null when the item has no date. */
  day: number | null;
  amountCents: number;
  reference: string;
  description: string;
  category: ItemCategory;
  label: string;
  /** Why this category: "description says SMS CHARGES", "booked 12 days before the statement ends". */
  why: string;
  /** The suggested next step, in one line. */
  action: string;
  /** The suggestion holding the item, when it is only in a suggested match not yet accepted. */
  suggestion?: { id: string; key: string; score: number };
}

const CHARGES =
  /\b(?:CHARGES?|CHGS?|CHRGS?|FEES?|COMMISSION|COMM|PENALTY|PENAL|GST|IGST|CGST|SGST|SERVICE\s+TAX|SMS|MIN(?:IMUM)?\s+BAL(?:ANCE)?|NON[-\s]?MAINT\w*|AMC|STAMP\s+DUTY|INCIDENTAL|FOLIO|CHQ\s+BOOK|CHEQUE\s+BOOK)\b/;
const INTEREST =
  /\bINTEREST\b|\bINT\.?\s*(?:PD|PAID|CR|CREDIT|ON|DR)\b|\bSB\s*INT\b|\bCR\s*INT\b|\bINT\.?\s*CAPITALI[SZ]ED\b/;
const RETURNED =
  /\b(?:RETURN(?:ED)?|RTN|REVERS(?:AL|ED|E)|BOUNCED?|DISHONOU?R(?:ED)?|REFUND(?:ED)?|UNPAID|REJECT(?:ED)?|RET)\b/;
const DIRECT_DEBIT =
  /\b(?:NACH|ECS|ACH|SI|STANDING\s+INSTRUCTION|AUTO\s*-?\s*DEBIT|AUTOPAY|MANDATE|EMI|DIRECT\s+DEBIT|LOAN|INSURANCE|PREMIUM|TAX)\b/;
const CHEQUE = /\b(?:CHQ|CHEQUE|CHECK|CHQNO|CH\s*NO|CLG)\b/;
const ELECTRONIC = /\b(?:NEFT|RTGS|IMPS|UPI|UTR|TRANSFER|TRF|ONLINE|NET\s*BANKING|CARD|WIRE|FPX|IBG|IBFT)\b/;

/** Days a deposit in transit normally takes to appear on the statement, and an electronic payment. */
export const DEPOSIT_CLEARING_DAYS = 7;
export const ELECTRONIC_CLEARING_DAYS = 3;
/** After this many days an unpresented cheque is stale (India: a cheque is valid for three months). */
export const STALE_CHEQUE_DAYS = 90;

/** Which side is the bank statement: the one the detector reads as a statement, left when both or neither are. */
export function bankSideOf(r: Pick<ReconResult, "left" | "right">): "left" | "right" {
  return r.right.layout.kind === "bank" && r.left.layout.kind !== "bank" ? "right" : "left";
}

/** The statement's end: its latest date on or before the as-of date (the as-of date when it has none). */
export function statementEnd(bank: PreparedSide, asOf?: number): number | null {
  let end = -Infinity;
  for (let i = 0; i < bank.n; i++) {
    const d = bank.day[i];
    if (!Number.isNaN(d) && d > end && (asOf === undefined || d <= asOf)) end = d;
  }
  return end > -Infinity ? end : (asOf ?? null);
}

export interface Verdict {
  category: ItemCategory;
  why: string;
  action: string;
}

/**
 * The category of item i of a side as if it were left over: the bank side's by its description and
 * sign, the book side's by its sign, description and age at the statement's end (`end`, a serial).
 */
export function verdictFor(
  r: Pick<ReconResult, "left" | "right">,
  side: "left" | "right",
  i: number,
  end: number | null,
): Verdict {
  const s = side === "left" ? r.left : r.right;
  const text = descriptionOf(s, i);
  if (side === bankSideOf(r)) return bankVerdict(text, s.cents[i]);
  return bookVerdict(text, referenceOf(s, i), s.cents[i], Number.isNaN(s.day[i]) ? null : s.day[i], end);
}

function bankVerdict(text: string, cents: number): Verdict {
  const up = text.toUpperCase();
  const said = (re: RegExp) => `the description says ${re.exec(up)?.[0] ?? ""}`;
  if (INTEREST.test(up))
    return {
      category: "interest",
      why: said(INTEREST),
      action:
        cents >= 0
          ? "Book it: debit the bank account, credit Interest Received"
          : "Book it: debit Interest Paid, credit the bank account",
    };
  if (RETURNED.test(up))
    return {
      category: "returned",
      why: said(RETURNED),
      action: "Reverse the original entry in the books (the payment came back), or book the bank's reversal",
    };
  if (cents < 0 && CHARGES.test(up))
    return {
      category: "bank-charge",
      why: said(CHARGES),
      action: "Book it: debit Bank Charges, credit the bank account",
    };
  if (cents < 0 && DIRECT_DEBIT.test(up))
    return {
      category: "direct-debit",
      why: said(DIRECT_DEBIT),
      action: "Book the debit (EMI, premium, tax or mandate) against its account, credit the bank account",
    };
  if (cents > 0)
    return {
      category: "direct-credit",
      why: "money in on the statement that the books do not have",
      action: "Find who paid and book the receipt: debit the bank account, credit the customer or income",
    };
  return {
    category: "possible-error",
    why: "money out on the statement with no entry in the books and nothing saying why",
    action: "Ask the bank or find the missing payment entry in the books",
  };
}

function bookVerdict(text: string, ref: string, cents: number, day: number | null, end: number | null): Verdict {
  const up = text.toUpperCase();
  const age = day !== null && end !== null ? end - day : null;
  const ageText =
    age === null
      ? ""
      : age < 0
        ? `dated ${-age} day${age === -1 ? "" : "s"} after the statement ends`
        : `booked ${age} day${age === 1 ? "" : "s"} before the statement ends`;
  if (cents >= 0) {
    if (age !== null && age > DEPOSIT_CLEARING_DAYS)
      return {
        category: "possible-error",
        why: `a deposit ${ageText} and still not on it (deposits clear within ${DEPOSIT_CLEARING_DAYS} days)`,
        action: "Check it was banked, and not booked twice or with a wrong amount",
      };
    return {
      category: "deposit-in-transit",
      why: age === null ? "money in the books, not yet on the statement" : `money in the books, ${ageText}`,
      action: "None now: it should be on the next statement; check that it clears",
    };
  }
  // A cheque says so, or carries a six-digit cheque number without being an electronic transfer.
  const cheque = CHEQUE.test(up) || (/\b\d{6}\b/.test(`${up} ${ref}`) && !ELECTRONIC.test(up));
  if (!cheque && ELECTRONIC.test(up) && age !== null && age > ELECTRONIC_CLEARING_DAYS)
    return {
      category: "possible-error",
      why: `an electronic payment ${ageText} that the bank never debited (they clear the same day)`,
      action: "Check the payment went out, and that the amount and date in the books are right",
    };
  const stale = age !== null && age > STALE_CHEQUE_DAYS;
  return {
    category: "unpresented-cheque",
    why: `${cheque ? "a cheque" : "a payment"} in the books, not yet presented${ageText ? ` (${ageText})` : ""}`,
    action: stale
      ? `Stale: over ${STALE_CHEQUE_DAYS} days old; cancel it and reverse the entry, or reissue`
      : "None now: it clears when presented; follow it up if it is not presented within three months",
  };
}

export interface ReviewOptions {
  /** The as-of date (serial): the statement's end is its latest date on or before it. */
  asOf?: number;
  /** Also list the items of suggested matches not yet accepted (the BRS does: they are not reconciled yet). */
  includeSuggested?: boolean;
}

/**
 * The items left over after matching, both sides, each with its category, why, and the suggested action,
 * in side then row order. With includeSuggested, the items of suggested (not accepted) matches too, as
 * possible errors pointing at their suggestion.
 */
export function reviewItems(r: ReconResult, options: ReviewOptions = {}): ReviewItem[] {
  const bankSide = bankSideOf(r);
  const bank = bankSide === "left" ? r.left : r.right;
  const end = statementEnd(bank, options.asOf);
  const out: ReviewItem[] = [];
  const suggestionOf = new Map<string, ReconMatch>();
  if (options.includeSuggested)
    for (const m of r.matches)
      if (m.status === "suggested") {
        for (const i of m.left) suggestionOf.set(`left:${i}`, m);
        for (const j of m.right) suggestionOf.set(`right:${j}`, m);
      }
  for (const side of ["left", "right"] as const) {
    const s = side === "left" ? r.left : r.right;
    const view = side === bankSide ? "bank" : "book";
    const items = new Set(unmatchedOf(r, side));
    for (const k of suggestionOf.keys()) if (k.startsWith(side + ":")) items.add(Number(k.slice(side.length + 1)));
    for (const i of [...items].sort((a, b) => a - b)) {
      const day = Number.isNaN(s.day[i]) ? null : s.day[i];
      const text = descriptionOf(s, i);
      const reference = referenceOf(s, i);
      const cents = s.cents[i];
      const sug = suggestionOf.get(`${side}:${i}`);
      let v: Verdict;
      if (sug) {
        const other = side === "left" ? sug.right.map((j) => r.right.row[j]) : sug.left.map((j) => r.left.row[j]);
        v = {
          category: "possible-error",
          why: `only in suggested match ${sug.id} (${sug.rule}, score ${sug.score.toFixed(2)}) with row${other.length === 1 ? "" : "s"} ${other.join(", ")}, not yet accepted`,
          action: `Review suggestion ${sug.id}: accept it if it is the same transaction${sug.differenceCents ? ` (then correct the ${fromCents(Math.abs(sug.differenceCents)).toFixed(2)} difference)` : ""}, else reject it`,
        };
      } else v = view === "bank" ? bankVerdict(text, cents) : bookVerdict(text, reference, cents, day, end);
      out.push({
        side,
        view,
        item: i,
        row: s.row[i],
        day,
        amountCents: cents,
        reference,
        description: text,
        category: v.category,
        label: CATEGORY_LABELS[v.category],
        why: v.why,
        action: v.action,
        ...(sug ? { suggestion: { id: sug.id, key: matchKey(r, sug), score: sug.score } } : {}),
      });
    }
  }
  return out;
}

/** One line for a review item: "Bank row 28 (2025-04-07) -750.00 CHQ BOOK CHARGES: Bank charge not in the books". */
export function reviewLine(x: ReviewItem): string {
  const date = x.day === null ? "no date" : isoFromSerial(x.day);
  return `${x.view === "bank" ? "Bank" : "Books"} row ${x.row} (${date}) ${fromCents(x.amountCents).toFixed(2)} ${x.description || x.reference}: ${x.label}`;
}
