/**
 * What a reconciliation hands to the outside: the JSON document of shared/spec/cli.md (worksheet row
 * numbers, amounts in currency units), a person's accept/reject decisions on suggested matches, and the
 * nearest candidate of each unmatched item (for the Recon Unmatched sheet).
 */
import { fromCents } from "../money";
import type { TableData } from "../table";
import { prepareSide, type PreparedSide, type RowIssue } from "./columns";
import {
  MATCH_RULES,
  matchColumns,
  reconcile,
  undecidedResult,
  type MatchColumns,
  type MatchRule,
  type ReconMatch,
  type ReconResult,
} from "./engine";
import { resolveRules, type ReconRules, type ReconRulesInput } from "./rules";
import { controlsEscaped } from "./text";

export interface ReconJson {
  summary: {
    left: number;
    right: number;
    matchedLeft: number;
    matchedRight: number;
    unmatchedLeftAmount: number;
    unmatchedRightAmount: number;
  };
  matches: {
    id: string;
    left: number[];
    right: number[];
    rule: MatchRule;
    status: "confirmed" | "suggested";
    score: number;
    difference: number;
    /** Extra: a person's decision when they accepted this suggestion. */
    decision?: "accept";
  }[];
  unmatchedLeft: number[];
  unmatchedRight: number[];
  /** Extra (beyond cli.md's fields): same reference and amount more than once on one side. */
  duplicates: { side: "left" | "right"; rows: number[]; reference: string; amount: number }[];
  /** Rows left out of matching: not transactions (separator, statement summary, opening balance, total...) or no usable amount. */
  excluded: { side: "left" | "right"; row: number; reason: string }[];
  /** What a person should know: a column whose date order no value decides, signs reversed, unreadable dates. */
  warnings: { side: "left" | "right"; row: number; column: string; message: string }[];
}

/** A person's decision on a suggested match, keyed by the rows it joins (stable across runs). */
export interface ReconDecision {
  key: string;
  decision: "accept" | "reject";
}

/** Stable key of a match: "L2,3|R7,9" (worksheet rows). */
export function matchKey(r: ReconResult, m: ReconMatch): string {
  return `L${m.left.map((i) => r.left.row[i]).join(",")}|R${m.right.map((j) => r.right.row[j]).join(",")}`;
}

/**
 * Apply decisions to the engine's result (always from the undecided run, so a decision taken back is
 * undone): an accepted suggestion becomes confirmed and carries `decision: "accept"`; a rejected match is
 * dropped (kept in `rejected`) and its items are unmatched again. Match ids are renumbered M1.. in order.
 * Every decision given is kept in `decisions`, applied or not, so that saving and re-running restores
 * them (a rejected pair the engine proposes again is rejected again). Returns a new result.
 */
export function applyDecisions(r: ReconResult, decisions: readonly ReconDecision[]): ReconResult {
  const base = r.base ?? r;
  // No decision: the same matches, copied only when someone reads them (a million of them may never be).
  if (decisions.length === 0) {
    const same = undecidedResult(base);
    if (same) return same;
  }
  const by = new Map(decisions.map((d) => [d.key, d.decision]));
  const kept: ReconMatch[] = [];
  const rejected: ReconMatch[] = [];
  let applied = 0;
  for (const m of base.matches) {
    const d = by.get(matchKey(base, m));
    if (d) applied++;
    if (d === "reject") rejected.push({ ...m, decision: "reject" });
    else kept.push(d === "accept" ? { ...m, status: "confirmed", decision: "accept" } : m);
  }
  const leftMatch = new Int32Array(base.left.n).fill(-1);
  const rightMatch = new Int32Array(base.right.n).fill(-1);
  const matches = kept.map((m, k) => {
    for (const i of m.left) leftMatch[i] = k;
    for (const j of m.right) rightMatch[j] = k;
    return { ...m, id: `M${k + 1}` };
  });
  return {
    ...base,
    matches,
    leftMatch,
    rightMatch,
    rejected,
    decisions: [...by].map(([key, decision]) => ({ key, decision })),
    decisionsApplied: applied,
    base,
  };
}

/** The decision a person took on a match of this result (by its stable key), or null. */
export function decisionOf(r: ReconResult, m: ReconMatch): ReconDecision["decision"] | null {
  const key = matchKey(r, m);
  return r.decisions?.find((d) => d.key === key)?.decision ?? null;
}

/** Item indexes of one side that are in no match. */
export function unmatchedOf(r: ReconResult, side: "left" | "right"): number[] {
  const m = side === "left" ? r.leftMatch : r.rightMatch;
  const out: number[] = [];
  for (let i = 0; i < m.length; i++) if (m[i] < 0) out.push(i);
  return out;
}

/** Summary figures in minor units. */
export function summaryCents(r: ReconResult) {
  let matchedLeft = 0;
  let matchedRight = 0;
  let unL = 0;
  let unR = 0;
  let mL = 0;
  let mR = 0;
  const { leftMatch, rightMatch } = r;
  const lc = r.left.cents;
  const rc = r.right.cents;
  for (let i = 0; i < r.left.n; i++)
    if (leftMatch[i] >= 0) {
      matchedLeft++;
      mL += lc[i];
    } else unL += lc[i];
  for (let j = 0; j < r.right.n; j++)
    if (rightMatch[j] >= 0) {
      matchedRight++;
      mR += rc[j];
    } else unR += rc[j];
  return {
    left: r.left.n,
    right: r.right.n,
    matchedLeft,
    matchedRight,
    matchedLeftCents: mL,
    matchedRightCents: mR,
    unmatchedLeftCents: unL,
    unmatchedRightCents: unR,
  };
}

/** The JSON document of `bpo-desk reconcile --json` (shared/spec/cli.md), plus `duplicates` and `excluded`. */
export function reconJson(r: ReconResult): ReconJson {
  return {
    summary: jsonSummary(r),
    matches: r.matches.map((m) => ({
      id: m.id,
      left: m.left.map((i) => r.left.row[i]),
      right: m.right.map((j) => r.right.row[j]),
      rule: m.rule,
      status: m.status,
      score: m.score,
      difference: fromCents(m.differenceCents),
      ...(m.decision === "accept" ? { decision: "accept" as const } : {}),
    })),
    unmatchedLeft: unmatchedOf(r, "left").map((i) => r.left.row[i]),
    unmatchedRight: unmatchedOf(r, "right").map((j) => r.right.row[j]),
    ...jsonTail(r),
  };
}

function jsonSummary(r: ReconResult): ReconJson["summary"] {
  const s = summaryCents(r);
  return {
    left: s.left,
    right: s.right,
    matchedLeft: s.matchedLeft,
    matchedRight: s.matchedRight,
    unmatchedLeftAmount: fromCents(s.unmatchedLeftCents),
    unmatchedRightAmount: fromCents(s.unmatchedRightCents),
  };
}

function jsonTail(r: ReconResult): Pick<ReconJson, "duplicates" | "excluded" | "warnings"> {
  return {
    duplicates: r.duplicates.map((d) => ({
      side: d.side,
      rows: d.rows,
      reference: d.reference,
      amount: fromCents(d.amountCents),
    })),
    excluded: r.excluded.map((e) => ({ side: e.side, row: e.row, reason: e.reason ?? e.message })),
    warnings: r.warnings.map((w) => ({ side: w.side, row: w.row, column: w.column, message: w.message })),
  };
}

/** Whether every number in a JSON value is finite (JSON can carry it). */
function finiteDeep(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (v === null || typeof v !== "object") return true;
  if (Array.isArray(v)) {
    for (const x of v) if (!finiteDeep(x)) return false;
    return true;
  }
  for (const k in v) if (!finiteDeep((v as Record<string, unknown>)[k])) return false;
  return true;
}

/** The bytes of an ASCII text. */
function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** 10^k: a number's digit count by comparisons, not divisions. */
const DECIMAL = Array.from({ length: 10 }, (_, k) => 10 ** k);
/** "00" "01" .. "99": the digits of a number written two at a time (half the divisions). */
const DIGIT_PAIRS = ascii(Array.from({ length: 100 }, (_, k) => String(k).padStart(2, "0")).join(""));

/**
 * JSON text written as UTF-8 bytes into one buffer: the matches of a large result (twenty bytes of
 * figures apiece) without a string per figure or per match; ASCII but for the few strings of cells at
 * the end. The text, when one is wanted, is made once, at the end.
 */
class JsonWriter {
  buf: Uint8Array;
  n = 0;

  constructor(expected: number) {
    this.buf = new Uint8Array(Math.max(1 << 12, expected));
  }

  /** Make room for k more bytes. */
  room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.n + k) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }

  /** Bytes of a constant (see ascii): a short one byte by byte (set's call costs more), a long one with set. */
  bytes(a: Uint8Array): void {
    this.room(a.length);
    if (a.length > 24) {
      this.buf.set(a, this.n);
      this.n += a.length;
      return;
    }
    const b = this.buf;
    let n = this.n;
    for (let k = 0; k < a.length; k++) b[n++] = a[k];
    this.n = n;
  }

  /** An ASCII string (numbers as String prints them). */
  text(s: string): void {
    this.room(s.length);
    const b = this.buf;
    let n = this.n;
    for (let k = 0; k < s.length; k++) b[n++] = s.charCodeAt(k);
    this.n = n;
  }

  /** Any string, as UTF-8. */
  utf8(s: string): void {
    this.room(s.length * 3);
    this.n += new TextEncoder().encodeInto(s, this.buf.subarray(this.n)).written;
  }

  /** A number as JSON.stringify prints it (digits written directly for integers 0 to 2^31 - 1). */
  num(x: number): void {
    if (!(x >= 0 && x <= 0x7fffffff && (x | 0) === x)) {
      this.text(String(x));
      return;
    }
    this.room(10);
    const b = this.buf;
    let len = 1;
    while (len < 10 && x >= DECIMAL[len]) len++;
    let n = this.n + len;
    this.n = n;
    let v = x;
    while (v >= 100) {
      const q = (v / 100) | 0;
      const p = (v - q * 100) * 2;
      b[--n] = DIGIT_PAIRS[p + 1];
      b[--n] = DIGIT_PAIRS[p];
      v = q;
    }
    if (v >= 10) {
      b[--n] = DIGIT_PAIRS[v * 2 + 1];
      b[--n] = DIGIT_PAIRS[v * 2];
    } else b[--n] = 48 + v;
  }

  /** Numbers joined by commas (a JSON array's body). */
  nums(xs: ArrayLike<number>): void {
    for (let k = 0; k < xs.length; k++) {
      if (k) this.bytes(COMMA);
      this.num(xs[k]);
    }
  }

  done(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }
}

const COMMA = ascii(",");
const ID = ascii('{"id":"M');
const LEFT = ascii('","left":[');
const RIGHT = ascii('],"right":[');
/** What follows a match's right rows: its rule and status, by rule index and confirmed (1) or not (0). */
const RULE_STATUS = MATCH_RULES.map((rule) =>
  ["suggested", "confirmed"].map((status) => ascii(`],"rule":"${rule}","status":"${status}","score":`)),
);
const DIFFERENCE = ascii(',"difference":');
/**
 * A match's end, then (when one follows) the next one's start: one constant less per match. WHOLE: the
 * end from the right rows on of a confirmed match of score 1 and no difference (most of them), by rule.
 */
const END = [ascii("}"), ascii('},{"id":"M')];
const WHOLE = MATCH_RULES.map((rule) =>
  ["}", '},{"id":"M'].map((end) => ascii(`],"rule":"${rule}","status":"confirmed","score":1,"difference":0${end}`)),
);

/**
 * `JSON.stringify(reconJson(r))`, character for character, written straight from the engine's match
 * columns when no one has read the matches as objects (the CLI's --json): no object, array or string per
 * match. null when a number in the document is not finite (JSON cannot carry it: the caller names it from
 * reconJson).
 */
export function reconJsonText(r: ReconResult): string | null {
  const cols = matchColumns(r);
  if (!cols) {
    const doc = reconJson(r);
    return finiteDeep(doc) ? JSON.stringify(doc) : null;
  }
  const w = writeJson(r, cols, false);
  return w && new TextDecoder().decode(w.done());
}

/**
 * reconJsonText's document as UTF-8 bytes, terminal-safe: DEL and the C1 controls, which JSON.stringify
 * leaves as they are, written as \u escapes too (controlsEscaped; it escapes the C0 ones itself), the
 * same JSON value. For printing as it is (CliIo.outSafe); null as reconJsonText.
 */
export function reconJsonBytes(r: ReconResult): Uint8Array | null {
  const cols = matchColumns(r);
  if (!cols) {
    const doc = reconJson(r);
    return finiteDeep(doc) ? new TextEncoder().encode(controlsEscaped(JSON.stringify(doc))) : null;
  }
  return writeJson(r, cols, true)?.done() ?? null;
}

/**
 * The document from the match columns. Only the tail (duplicates, excluded, warnings) holds text from
 * cells; `safe` runs controlsEscaped over that part alone (the rest is figures and names of ours).
 */
function writeJson(r: ReconResult, cols: MatchColumns, safe: boolean): JsonWriter | null {
  const summary = jsonSummary(r);
  const tail = jsonTail(r);
  if (!finiteDeep(summary) || !finiteDeep(tail)) return null;
  const L = r.left.row;
  const R = r.right.row;
  const threshold = r.rules.confidenceThreshold;
  const w = new JsonWriter(cols.count * 110 + (r.left.n + r.right.n - 2 * cols.count) * 8 + 4096);
  const head = JSON.stringify({ summary });
  w.text(head.slice(0, -1));
  w.text(',"matches":[');
  // Each match: {"id":"M1","left":[2],"right":[7,9],"rule":"group","status":"confirmed","score":1,"difference":0}
  if (cols.count) w.bytes(ID);
  for (let k = 0; k < cols.count; k++) {
    const score = cols.score[k];
    const difference = fromCents(cols.diff[k]);
    if (!Number.isFinite(score) || !Number.isFinite(difference)) return null;
    const more = k + 1 < cols.count ? 1 : 0;
    w.num(k + 1);
    w.bytes(LEFT);
    const g = cols.groups.size ? cols.groups.get(k) : undefined;
    if (g) w.nums(g.left.map((i) => L[i]));
    else w.num(L[cols.l0[k]]);
    w.bytes(RIGHT);
    if (g) w.nums(g.right.map((j) => R[j]));
    else w.num(R[cols.r0[k]]);
    if (score === 1 && difference === 0 && score >= threshold) {
      w.bytes(WHOLE[cols.rule[k]][more]);
      continue;
    }
    w.bytes(RULE_STATUS[cols.rule[k]][score >= threshold ? 1 : 0]);
    w.num(score);
    w.bytes(DIFFERENCE);
    w.num(difference);
    w.bytes(END[more]);
  }
  w.text('],"unmatchedLeft":[');
  unmatchedRows(w, r.leftMatch, L);
  w.text('],"unmatchedRight":[');
  unmatchedRows(w, r.rightMatch, R);
  w.text("],");
  const rest = JSON.stringify(tail).slice(1);
  w.utf8(safe ? controlsEscaped(rest) : rest);
  return w;
}

/** Worksheet rows of the items of one side in no match, comma-separated. */
function unmatchedRows(w: JsonWriter, match: Int32Array, row: Int32Array): void {
  let first = true;
  for (let i = 0; i < match.length; i++)
    if (match[i] < 0) {
      if (!first) w.bytes(COMMA);
      first = false;
      w.num(row[i]);
    }
}

export interface NearestCandidate {
  /** Worksheet row on the other side, or null when the other side has no unmatched item. */
  row: number | null;
  amountCents: number | null;
  reason: string;
}

/**
 * For each unmatched item, the unmatched item of the other side nearest in amount (ties: nearest date,
 * then lowest row), with why it did not match. Keyed by item index.
 */
export function nearestCandidates(r: ReconResult, side: "left" | "right"): Map<number, NearestCandidate> {
  const A = side === "left" ? r.left : r.right;
  const B = side === "left" ? r.right : r.left;
  const mine = unmatchedOf(r, side);
  const other = unmatchedOf(r, side === "left" ? "right" : "left");
  const sorted = [...other].sort((x, y) => B.cents[x] - B.cents[y] || x - y);
  const out = new Map<number, NearestCandidate>();
  const win = r.rules.dateWindowDays;
  for (const i of mine) {
    if (!sorted.length) {
      out.set(i, { row: null, amountCents: null, reason: "nothing left unmatched on the other side" });
      continue;
    }
    const c = A.cents[i];
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (B.cents[sorted[mid]] < c) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    let bestKey = [Infinity, Infinity, Infinity];
    for (let p = Math.max(0, lo - 3); p < Math.min(sorted.length, lo + 3); p++) {
      const j = sorted[p];
      const days = Math.abs(A.day[i] - B.day[j]);
      const key = [Math.abs(c - B.cents[j]), Number.isNaN(days) ? 1e9 : days, j];
      if (
        key[0] < bestKey[0] ||
        (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))
      ) {
        best = j;
        bestKey = key;
      }
    }
    const diff = bestKey[0];
    const days = bestKey[1];
    const reasons: string[] = [];
    if (diff === 0) reasons.push("same amount");
    else reasons.push(`amount differs by ${fromCents(diff).toFixed(2)}`);
    if (days < 1e9)
      reasons.push(
        days === 0 ? "same date" : `${days} day${days === 1 ? "" : "s"} apart${days > win ? ` (window ${win})` : ""}`,
      );
    if (diff === 0 && days <= win) reasons.push("another item matched instead or the pass was off");
    out.set(i, { row: B.row[best], amountCents: B.cents[best], reason: reasons.join(", ") });
  }
  return out;
}

export interface RunOptions {
  rules?: ReconRulesInput;
  decisions?: readonly ReconDecision[];
  leftLabel?: string;
  rightLabel?: string;
}

/**
 * How many left amounts equal a right amount as it stands, and with the right side's sign reversed
 * (a sample of up to 20,000 left items against every right amount).
 */
export function signEvidence(L: PreparedSide, R: PreparedSide): { direct: number; flipped: number; sampled: number } {
  const has = amountSet(R.cents);
  const step = Math.max(1, Math.floor(L.n / 20000));
  let direct = 0;
  let flipped = 0;
  let sampled = 0;
  for (let i = 0; i < L.n; i += step) {
    const c = L.cents[i];
    if (c === 0) continue;
    sampled++;
    if (has(c)) direct++;
    if (has(-c)) flipped++;
  }
  return { direct, flipped, sampled };
}

/**
 * Membership in a list of amounts, as a Set of them answers it, from an open-addressing table of doubles
 * (a Set of a million numbers is a million boxed entries to build). NaN, which no amount is, marks a free
 * slot; an amount that is NaN is looked for apart.
 */
function amountSet(values: Float64Array): (x: number) => boolean {
  let cap = 16;
  while (cap < values.length * 2) cap *= 2;
  const mask = cap - 1;
  const table = new Float64Array(cap).fill(NaN);
  let hasNaN = false;
  const slot = (x: number) => (Math.imul((x | 0) ^ ((x / 4294967296) | 0), 0x9e3779b1) >>> 7) & mask;
  for (let k = 0; k < values.length; k++) {
    const x = values[k] === 0 ? 0 : values[k];
    if (x !== x) {
      hasNaN = true;
      continue;
    }
    let p = slot(x);
    while (table[p] === table[p] && table[p] !== x) p = (p + 1) & mask;
    table[p] = x;
  }
  return (x: number) => {
    if (x !== x) return hasNaN;
    let p = slot(x);
    for (; table[p] === table[p]; p = (p + 1) & mask) if (table[p] === x) return true;
    return false;
  };
}

/**
 * Read both sides for matching. When the rules do not say `flipRight` and the amounts clearly meet only
 * with the right side's sign reversed (both tables keep the account from the same point of view), the
 * right side is reversed and a warning says so.
 */
export function prepareSides(
  left: TableData,
  right: TableData,
  input: ReconRulesInput = {},
  labels: { left?: string; right?: string } = {},
): { L: PreparedSide; R: PreparedSide; rules: ReconRules } {
  const rules: ReconRules = resolveRules(input);
  const L = prepareSide(left, "left", rules.left, sideOptions(rules, "left", labels.left));
  const R = prepareSide(right, "right", rules.right, sideOptions(rules, "right", labels.right));
  return settleSides(L, R, rules, input);
}

/** prepareSide's options for one side under these rules (prepareSides reads each side with them). */
export function sideOptions(
  rules: ReconRules,
  side: "left" | "right",
  label?: string,
): Parameters<typeof prepareSide>[3] {
  const dates = { dateOrder: rules.dateOrderFixed ? rules.dateOrder : undefined, defaultDateOrder: rules.dateOrder };
  return side === "left" ? { ...dates, label } : { ...dates, flip: rules.flipRight, label };
}

/**
 * The step of prepareSides after both sides are read (each with sideOptions, possibly apart): the right
 * side's sign reversed when the amounts say so (see prepareSides).
 */
export function settleSides(
  L: PreparedSide,
  R: PreparedSide,
  rules: ReconRules,
  input: ReconRulesInput,
): { L: PreparedSide; R: PreparedSide; rules: ReconRules } {
  if (input.flipRight === undefined) {
    const e = signEvidence(L, R);
    if (e.flipped >= 3 * Math.max(1, e.direct) && e.flipped >= Math.max(2, 0.2 * Math.min(e.sampled, R.n))) {
      for (let j = 0; j < R.n; j++) R.cents[j] = R.cents[j] === 0 ? 0 : -R.cents[j];
      rules.flipRight = true;
      R.warnings.unshift({
        side: "right",
        row: 0,
        column: "",
        message: `signs reversed automatically: ${e.flipped} of ${e.sampled} sampled left amounts meet a right amount only with its sign reversed (${e.direct} as it stands); put "flipRight": false in the rules to stop this`,
      });
    }
  }
  return { L, R, rules };
}

/** Prepare both sides and reconcile them synchronously (CLI and tests). Throws ReconInputError on bad input. */
export function reconcileTables(left: TableData, right: TableData, options: RunOptions = {}): ReconResult {
  const { L, R, rules } = prepareSides(left, right, options.rules, {
    left: options.leftLabel,
    right: options.rightLabel,
  });
  return applyDecisions(reconcile(L, R, rules), options.decisions ?? []);
}

export type { RowIssue };

/** Worksheet rows as a person reads them: "6, 71-79, 82". */
export function rowRanges(rows: readonly number[]): string {
  const s = [...rows].sort((a, b) => a - b);
  const out: string[] = [];
  for (let k = 0; k < s.length;) {
    let e = k;
    while (e + 1 < s.length && s[e + 1] === s[e] + 1) e++;
    out.push(e > k ? `${s[k]}-${s[e]}` : String(s[k]));
    k = e + 1;
  }
  return out.join(", ");
}

/**
 * The lines a person reads on stderr after a run: per side, one line saying which rows were left out and
 * why (grouped by reason); then one line per warning, at most `max`, then a count of the rest.
 * issueLines(r, { left: "bank.csv", right: "ledger.csv" })[0] is e.g.
 * "bank.csv: 11 rows left out: separator (rows 3, 70), statement summary (rows 71-79)".
 */
export function issueLines(r: ReconResult, names: { left: string; right: string }, max = 10): string[] {
  const lines: string[] = [];
  for (const side of ["left", "right"] as const) {
    const ex = r.excluded.filter((e) => e.side === side);
    if (!ex.length) continue;
    const by = new Map<string, number[]>();
    for (const e of ex) {
      const key =
        e.reason && !/^no amount|is blank$| is not an amount/.test(e.reason) && e.reason.length < 40
          ? e.reason
          : "no usable amount";
      const list = by.get(key) ?? [];
      list.push(e.row);
      by.set(key, list);
    }
    const firstBad = ex.find(
      (e) => !e.reason || e.reason.length >= 40 || /^no amount|is blank$| is not an amount/.test(e.reason),
    );
    const parts = [...by].map(
      ([reason, rows]) =>
        `${reason} (row${rows.length === 1 ? "" : "s"} ${rowRanges(rows)}${reason === "no usable amount" && firstBad ? `; e.g. ${firstBad.message}` : ""})`,
    );
    lines.push(`${names[side]}: ${ex.length} row${ex.length === 1 ? "" : "s"} left out: ${parts.join(", ")}`);
  }
  for (const w of r.warnings.slice(0, max)) lines.push(`${names[w.side]}${w.row ? ` row ${w.row}` : ""}: ${w.message}`);
  if (r.warnings.length > max)
    lines.push(`... and ${r.warnings.length - max} more warnings (all of them are in --json "warnings")`);
  return lines;
}
