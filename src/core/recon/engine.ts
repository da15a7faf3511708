/**
 * The matching engine: ordered passes over two prepared sides, each item matched at most once, ties broken
 * by the lowest row, so the same input always gives the same result.
 *
 * 1. exact      reference key + amount equal (hash index over the right side's reference keys; the date is
 *               not checked). Score 1.
 * 2. tolerance  |amount difference| <= max(tolerance.amount, tolerance.percent % of |left|) and dates within
 *               dateWindowDays (sorted amount index + binary search; matched items skipped by a union-find
 *               "next free" array). Best candidate: smallest amount difference, then nearest date, then the
 *               most similar text (a shared reference key, else the descriptions' word overlap), then lowest
 *               row. Score 1 − 0.1·days/window − 0.2·|diff|/allowed, ×0.85 when another item could equally
 *               take either side (ambiguous), ×0.85 when the two items' texts disagree (both descriptions
 *               have words, they share none and no reference key): a match on amount and date alone
 *               between unrelated-looking items is left for a person to confirm.
 * 3. fuzzy      similar reference or description (see text.ts: Jaro-Winkler on references, token Jaccard on
 *               descriptions; the higher counts) >= fuzzyThreshold, amount within tolerance or a digit
 *               transposition of it, dates within fuzzyDateWindowDays. Candidates come from blocking only:
 *               an inverted index of description words, reference keys and reference 4-grams, plus the
 *               amount index. Score 0.95 · similarity · amount factor (1; 1 − 0.1·|diff|/allowed; 0.75 for a
 *               transposition) · date factor (1 inside dateWindowDays, else 0.9).
 * 4. group      one item against 2..groupMaxSize items of the other side, same sign, dates within the window,
 *               whose sum agrees within tolerance (one-to-many first, then many-to-one). Bounded subset sum:
 *               the 20 candidates nearest in date, depth-first over amounts in descending order with sum
 *               bounds, at most 3,000 search steps per item. Score 0.85 + 0.15·(share of members with a
 *               description word or reference in common with the one) when the sum is exact, else
 *               0.75 + 0.1·share − 0.1·|diff|/allowed.
 *
 * A match is `confirmed` when its score >= confidenceThreshold, else `suggested`.
 */
import type { ReconRules } from "./rules";
import { descriptionOf, type PreparedSide, type RowIssue } from "./columns";
import { isTransposition, jaccard, jaroWinkler, wordTokens } from "./text";

export type MatchRule = "exact" | "tolerance" | "fuzzy" | "group";
export const MATCH_RULES: readonly MatchRule[] = ["exact", "tolerance", "fuzzy", "group"];

export interface ReconMatch {
  id: string;
  /** Item indexes (into the prepared sides), ascending. */
  left: number[];
  right: number[];
  rule: MatchRule;
  status: "confirmed" | "suggested";
  score: number;
  /** Sum of left amounts − sum of right amounts, minor units. */
  differenceCents: number;
  /** Why: "same reference UTR123, same amount", "2 days apart". */
  reason: string;
  /** A person's decision on it (applyDecisions): accepted (now confirmed) or rejected (in `rejected`). */
  decision?: "accept" | "reject";
}

export interface Duplicate {
  side: "left" | "right";
  rows: number[];
  reference: string;
  amountCents: number;
}

export interface ReconResult {
  left: PreparedSide;
  right: PreparedSide;
  rules: ReconRules;
  matches: ReconMatch[];
  /** Match index per item, -1 when unmatched. */
  leftMatch: Int32Array;
  rightMatch: Int32Array;
  duplicates: Duplicate[];
  /** Rows left out of matching (not transactions, or no usable amount), each with its reason. */
  excluded: RowIssue[];
  /** Column-level findings and rows read with a caveat. */
  warnings: RowIssue[];
  /** Decisions given to applyDecisions (applied or not), the matches they rejected, and how many applied. */
  decisions?: { key: string; decision: "accept" | "reject" }[];
  rejected?: ReconMatch[];
  decisionsApplied?: number;
  /** The engine's result before any decision (applyDecisions always starts from it). */
  base?: ReconResult;
}

export interface ReconProgress {
  done: number;
  total: number;
  label: string;
}

const YIELD_EVERY = 8192;
const MAX_TOLERANCE_SCAN = 64;
const MAX_POSTING = 200;
const MAX_FUZZY_CANDIDATES = 64;
const GROUP_CANDIDATES = 20;
const GROUP_TEXT_CANDIDATES = 16;
const GROUP_STEPS = 1000;

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Allowed |difference| in minor units for an amount: max(absolute, percent of |amount|). */
export function allowedDiff(rules: ReconRules, cents: number): number {
  const pct = rules.tolerancePercent > 0 ? Math.floor((Math.abs(cents) * rules.tolerancePercent) / 100) : 0;
  return Math.max(rules.toleranceCents, pct);
}

function centsHash(c: number): number {
  const lo = c | 0;
  const hi = Math.floor(c / 4294967296) | 0;
  return Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
}

/** Item indexes sorted by (value, index); fast path packs value and index into one exact double. */
function sortByValue(values: Float64Array, items: Int32Array): Int32Array {
  const n = items.length;
  const SHIFT = 2097152; // 2^21
  let fast = n < SHIFT;
  if (fast)
    for (let k = 0; k < n; k++) {
      const v = values[items[k]];
      if (!(v >= -2147483648 && v < 2147483648)) {
        fast = false;
        break;
      }
    }
  if (fast) {
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++) keys[k] = (values[items[k]] + 2147483648) * SHIFT + k;
    keys.sort();
    const out = new Int32Array(n);
    for (let k = 0; k < n; k++) out[k] = items[keys[k] % SHIFT];
    return out;
  }
  const arr = Array.from(items);
  arr.sort((a, b) => values[a] - values[b] || a - b);
  return Int32Array.from(arr);
}

/** First position p in sorted (by values[items[p]]) with value >= x. */
function lowerBound(values: Float64Array, sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[sorted[mid]] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Left items of the exact pass whose first probe is read ahead together (readAhead). */
const AHEAD = 16;

/**
 * Read, for the left items [from, to), what their first key's probe will read: its chain's head and first
 * entry, that right item's state and amount, and the entry's characters. Each probe alone waits for
 * memory several times in a row (a large side is far apart in it); these reads do not wait on each other,
 * so the processor overlaps them, and the probes then find what they need in the cache. Reads only; the
 * sum returned is kept by the caller so that no compiler drops them.
 */
function readAhead(
  L: PreparedSide,
  R: PreparedSide,
  from: number,
  to: number,
  head: Int32Array,
  mask: number,
  ent: Int32Array,
  chars: { codes: Uint8Array; at: Int32Array } | null,
  rightMatch: Int32Array,
  slots: Int32Array,
): number {
  let m = 0;
  for (let i = from; i < to; i++) {
    const k = L.keyStart[i];
    slots[m++] = k < L.keyStart[i + 1] ? head[(L.keyHash[k] ^ centsHash(L.cents[i])) & mask] : -1;
  }
  let acc = 0;
  for (let q = 0; q < m; q++) {
    const e = slots[q];
    if (e >= 0) acc += ent[e * ENT + 1] + ent[e * ENT + 4];
  }
  for (let q = 0; q < m; q++) {
    const e = slots[q];
    if (e < 0) continue;
    const j = ent[e * ENT + 1];
    acc += rightMatch[j] + R.cents[j] + (chars ? chars.codes[ent[e * ENT + 4]] : 0);
  }
  return acc;
}

/** Int32s per entry of the exact pass's index. */
const ENT = 6;

/**
 * The exact pass's hash index of the right side's reference keys, keyed by key and amount. Per key entry
 * e, side by side (one cache line per probe): the next entry of its chain, the item owning it, its hash,
 * the low 32 bits of the item's amount (which tell most misses apart before the item is read), where its
 * characters are in `chars`, and its length.
 */
function exactIndex(R: PreparedSide): {
  head: Int32Array;
  mask: number;
  ent: Int32Array;
  chars: { codes: Uint8Array; at: Int32Array } | null;
} {
  const nk = R.keyStr.length;
  const cap = nextPow2(nk * 2);
  const mask = cap - 1;
  const head = new Int32Array(cap).fill(-1);
  const ent = new Int32Array(nk * ENT);
  const chars = keyChars(R.keyStr);
  // Insert from the last item down so each chain runs in ascending item (row) order.
  for (let j = R.n - 1; j >= 0; j--) {
    const ch = centsHash(R.cents[j]);
    const lo = R.cents[j] | 0;
    for (let k = R.keyStart[j + 1] - 1; k >= R.keyStart[j]; k--) {
      const slot = (R.keyHash[k] ^ ch) & mask;
      const o = k * ENT;
      ent[o] = head[slot];
      ent[o + 1] = j;
      ent[o + 2] = R.keyHash[k];
      ent[o + 3] = lo;
      ent[o + 4] = chars ? chars.at[k] : 0;
      ent[o + 5] = chars ? chars.at[k + 1] - chars.at[k] : R.keyStr[k].length;
      head[slot] = k;
    }
  }
  return { head, mask, ent, chars };
}

/**
 * The characters of a side's reference keys one after another (key k from at[k]), so that checking a
 * candidate's key reads one place in memory, not a string, its parent text and then the characters
 * (a reference sliced out of a large file is three reads far apart). Keys are letters and digits
 * (normRef, refLikeTokens); null should one not be ASCII (then the strings are compared).
 */
function keyChars(keys: readonly string[]): { codes: Uint8Array; at: Int32Array } | null {
  const at = new Int32Array(keys.length + 1);
  let total = 0;
  for (let k = 0; k < keys.length; k++) {
    at[k] = total;
    total += keys[k].length;
  }
  at[keys.length] = total;
  // All keys as one string, encoded at once (no character-by-character loop): its UTF-8 is as long as
  // it only when every character is ASCII.
  const codes = new TextEncoder().encode(keys.join(""));
  return codes.length === total ? { codes, at } : null;
}

/** Whether the `s.length` codes from `at` are the characters of s. */
function sameChars(codes: Uint8Array, at: number, s: string): boolean {
  for (let q = 0; q < s.length; q++) if (codes[at + q] !== s.charCodeAt(q)) return false;
  return true;
}

/** Union-find "next free position" over a sorted array: removed positions are skipped in near O(1). */
class NextFree {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) this.parent[i] = i;
  }
  find(p: number): number {
    let r = p;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[p] !== r) {
      const nx = this.parent[p];
      this.parent[p] = r;
      p = nx;
    }
    return r;
  }
  remove(p: number): void {
    this.parent[p] = p + 1;
  }
}

function unmatchedItems(match: Int32Array): Int32Array {
  let c = 0;
  for (let i = 0; i < match.length; i++) if (match[i] < 0) c++;
  const out = new Int32Array(c);
  c = 0;
  for (let i = 0; i < match.length; i++) if (match[i] < 0) out[c++] = i;
  return out;
}

function nextPow2(x: number): number {
  let p = 16;
  while (p < x) p *= 2;
  return p;
}

/** Groups of items of one side with the same (non-empty) reference and amount. */
function findDuplicates(s: PreparedSide): Duplicate[] {
  const cap = nextPow2(s.n * 2);
  const head = new Int32Array(cap).fill(-1);
  // Per item in the index: the next item of its chain, its reference's hash and its amount's low 32 bits.
  const ent = new Int32Array(s.n * 3);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < s.n; i++) {
    const r = s.ref[i];
    if (!r) continue;
    const h = s.keyHash[s.keyStart[i]];
    const c = s.cents[i];
    const lo = c | 0;
    const slot = (h ^ centsHash(c)) & (cap - 1);
    let e = head[slot];
    let found = -1;
    while (e >= 0) {
      const o = e * 3;
      if (ent[o + 1] === h && ent[o + 2] === lo && s.cents[e] === c && s.ref[e] === r) {
        found = e;
        break;
      }
      e = ent[o];
    }
    if (found >= 0) {
      let g = groups.get(found);
      if (!g) groups.set(found, (g = [found]));
      g.push(i);
    } else {
      const o = i * 3;
      ent[o] = head[slot];
      ent[o + 1] = h;
      ent[o + 2] = lo;
      head[slot] = i;
    }
  }
  const out: Duplicate[] = [];
  for (const [first, items] of [...groups.entries()].sort((a, b) => a[0] - b[0]))
    out.push({ side: s.side, rows: items.map((i) => s.row[i]), reference: s.ref[first], amountCents: s.cents[first] });
  return out;
}

const RULE_CODES: readonly MatchRule[] = MATCH_RULES;

/**
 * Matches as columns of typed arrays while the passes run (no object per match: a million matches must not
 * feed the garbage collector); `materialize` turns them into ReconMatch objects when someone reads them.
 */
class MatchStore {
  count = 0;
  readonly l0: Int32Array;
  readonly r0: Int32Array;
  readonly rule: Uint8Array;
  readonly score: Float64Array;
  readonly diff: Float64Array;
  /** Tolerance pass: bit 1 when another item could match as well, bit 2 when the texts disagree. */
  readonly ambiguous: Uint8Array;
  readonly groups = new Map<number, { left: number[]; right: number[] }>();
  readonly reasons = new Map<number, string>();
  constructor(cap: number) {
    this.l0 = new Int32Array(cap);
    this.r0 = new Int32Array(cap);
    this.rule = new Uint8Array(cap);
    this.score = new Float64Array(cap);
    this.diff = new Float64Array(cap);
    this.ambiguous = new Uint8Array(cap);
  }
}

class Matcher {
  readonly store: MatchStore;
  /** What the exact pass read ahead (see readAhead), kept so the reads stay. */
  readAheadSum = 0;
  readonly leftMatch: Int32Array;
  readonly rightMatch: Int32Array;
  constructor(
    readonly L: PreparedSide,
    readonly R: PreparedSide,
    readonly rules: ReconRules,
  ) {
    this.leftMatch = new Int32Array(L.n).fill(-1);
    this.rightMatch = new Int32Array(R.n).fill(-1);
    this.store = new MatchStore(Math.max(1, Math.min(L.n, R.n)));
  }

  /** A one-to-one match; `reason` may be left to `materialize` (exact, tolerance). */
  add1(i: number, j: number, rule: MatchRule, score: number, reason?: string, flags = 0): void {
    const st = this.store;
    const k = st.count++;
    this.leftMatch[i] = k;
    this.rightMatch[j] = k;
    st.l0[k] = i;
    st.r0[k] = j;
    st.rule[k] = RULE_CODES.indexOf(rule);
    st.score[k] = round4(Math.max(0, Math.min(1, score)));
    st.diff[k] = this.L.cents[i] - this.R.cents[j];
    st.ambiguous[k] = flags;
    if (reason !== undefined) st.reasons.set(k, reason);
  }

  addGroup(left: number[], right: number[], rule: MatchRule, score: number, reason: string): void {
    const st = this.store;
    const k = st.count++;
    let diff = 0;
    for (const i of left) {
      this.leftMatch[i] = k;
      diff += this.L.cents[i];
    }
    for (const j of right) {
      this.rightMatch[j] = k;
      diff -= this.R.cents[j];
    }
    const l = [...left].sort((a, b) => a - b);
    const r = [...right].sort((a, b) => a - b);
    st.l0[k] = l[0];
    st.r0[k] = r[0];
    st.rule[k] = RULE_CODES.indexOf(rule);
    st.score[k] = round4(Math.max(0, Math.min(1, score)));
    st.diff[k] = diff;
    st.groups.set(k, { left: l, right: r });
    st.reasons.set(k, reason);
  }

  // Maps, not arrays: an array written at scattered indexes up to a million turns into a slow dictionary.
  private readonly wordsL = new Map<number, string[]>();
  private readonly wordsR = new Map<number, string[]>();
  /** Both sides have a description column: text can tell candidates apart. */
  get hasText(): boolean {
    return this.L.mapping.description >= 0 && this.R.mapping.description >= 0;
  }

  wordsOf(left: boolean, i: number): string[] {
    const cache = left ? this.wordsL : this.wordsR;
    let w = cache.get(i);
    if (!w) cache.set(i, (w = wordTokens(descriptionOf(left ? this.L : this.R, i))));
    return w;
  }

  /**
   * How much the texts of left item i and right item j agree: 1 for a shared reference key, else the
   * Jaccard overlap of their description words; -1 when they disagree (both have words, none shared).
   */
  textAgreement(i: number, j: number): number {
    const { L, R } = this;
    for (let a = L.keyStart[i]; a < L.keyStart[i + 1]; a++)
      for (let b = R.keyStart[j]; b < R.keyStart[j + 1]; b++) if (L.keyStr[a] === R.keyStr[b]) return 1;
    if (!this.hasText) return 0;
    const wl = this.wordsOf(true, i);
    const wr = this.wordsOf(false, j);
    if (!wl.length || !wr.length) return 0;
    const sim = jaccard(wl, wr);
    return sim > 0 ? sim : -1;
  }

  daysApart(i: number, j: number): number {
    const a = this.L.day[i];
    const b = this.R.day[j];
    return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.abs(a - b);
  }

  *exact(): Generator<ReconProgress> {
    const { L, R } = this;
    const nk = R.keyStr.length;
    if (!nk || !L.keyStr.length) return;
    const { head, mask, ent, chars } = exactIndex(R);
    const rightMatch = this.rightMatch;
    // The items between two progress reports run in a plain function: the optimising compiler
    // does not replace a generator's loop while it runs, a plain function's it does.
    const slots = new Int32Array(AHEAD);
    const run = (from: number, to: number): void => {
      for (let i = from; i < to; i++) {
        if (i % AHEAD === 0)
          this.readAheadSum += readAhead(L, R, i, Math.min(to, i + AHEAD), head, mask, ent, chars, rightMatch, slots);
        const c = L.cents[i];
        const ch = centsHash(c);
        const lo = c | 0;
        let best = -1;
        for (let k = L.keyStart[i]; k < L.keyStart[i + 1]; k++) {
          const h = L.keyHash[k];
          const s = L.keyStr[k];
          for (let e = head[(h ^ ch) & mask]; e >= 0; e = ent[e * ENT]) {
            const o = e * ENT;
            const j = ent[o + 1];
            if (best >= 0 && j >= best) break;
            if (ent[o + 2] !== h || ent[o + 3] !== lo || ent[o + 5] !== s.length) continue;
            if (rightMatch[j] >= 0 || R.cents[j] !== c) continue;
            if (chars ? !sameChars(chars.codes, ent[o + 4], s) : R.keyStr[e] !== s) continue;
            best = j;
            break;
          }
        }
        if (best >= 0) this.add1(i, best, "exact", 1);
      }
    };
    for (let from = 0; from < L.n; from += YIELD_EVERY) {
      yield { done: from, total: L.n, label: "Exact reference and amount" };
      run(from, Math.min(L.n, from + YIELD_EVERY));
    }
  }

  *tolerance(): Generator<ReconProgress> {
    const { L, R, rules } = this;
    const rItems = unmatchedItems(this.rightMatch);
    if (!rItems.length) return;
    const sorted = sortByValue(R.cents, rItems);
    const posOf = new Int32Array(R.n).fill(-1);
    for (let p = 0; p < sorted.length; p++) posOf[sorted[p]] = p;
    const free = new NextFree(sorted.length);
    const lItems = unmatchedItems(this.leftMatch);
    const lSorted = sortByValue(L.cents, lItems);
    const lPos = new Int32Array(L.n).fill(-1);
    for (let p = 0; p < lSorted.length; p++) lPos[lSorted[p]] = p;
    const lFree = new NextFree(lSorted.length);
    const win = rules.dateWindowDays;
    const noDates = L.mapping.date < 0 || R.mapping.date < 0;
    const tied: number[] = [];
    // Text can only disagree when both sides describe their items.
    const checkText = this.hasText;
    // The items between two progress reports run in a plain function: the optimising compiler
    // does not replace a generator's loop while it runs, a plain function's it does.
    const run = (from: number, to: number): void => {
      for (let q = from; q < to; q++) {
        const i = lItems[q];
        const c = L.cents[i];
        const allowed = allowedDiff(rules, c);
        const dl = L.day[i];
        if (!noDates && Number.isNaN(dl)) continue;
        let best = -1;
        let bestDiff = Infinity;
        let bestDays = Infinity;
        let count = 0;
        let scanned = 0;
        let tiedCount = 0;
        const start = free.find(lowerBound(R.cents, sorted, c - allowed));
        for (let p = start; p < sorted.length; p = free.find(p + 1)) {
          const j = sorted[p];
          const cr = R.cents[j];
          if (cr > c + allowed) break;
          if (++scanned > MAX_TOLERANCE_SCAN) break;
          let days = 0;
          if (!noDates) {
            const dr = R.day[j];
            if (Number.isNaN(dr)) continue;
            days = Math.abs(dl - dr);
            if (days > win) continue;
          }
          const diff = Math.abs(c - cr);
          if (diff < bestDiff) count = 1;
          else if (diff === bestDiff) count++;
          if (diff < bestDiff || (diff === bestDiff && days < bestDays)) {
            best = j;
            bestDiff = diff;
            bestDays = days;
            tiedCount = 1;
          } else if (diff === bestDiff && days === bestDays) {
            tiedCount++;
            if (j < best) best = j;
          }
        }
        let ties = count - 1;
        if (best < 0) continue;
        let agreement = NaN;
        if (tiedCount > 1) {
          // Rare: the window again, for the candidates equal on amount and date; their text decides.
          tied.length = 0;
          scanned = 0;
          for (let p = start; p < sorted.length; p = free.find(p + 1)) {
            const j = sorted[p];
            if (R.cents[j] > c + allowed || ++scanned > MAX_TOLERANCE_SCAN) break;
            if (Math.abs(c - R.cents[j]) !== bestDiff) continue;
            if (!noDates && !(Math.abs(dl - R.day[j]) === bestDays)) continue;
            tied.push(j);
          }
          // Equal on amount and date: the text decides before the row order.
          let bestSim = -Infinity;
          let second = -Infinity;
          for (const j of tied) {
            const sim = this.textAgreement(i, j);
            if (sim > bestSim) {
              second = bestSim;
              bestSim = sim;
              best = j;
            } else {
              if (sim > second) second = sim;
              if (sim === bestSim && j < best) best = j;
            }
          }
          agreement = bestSim;
          // One candidate's text agrees and no other's does as well: the tie is decided, not ambiguous.
          if (bestSim > 0 && bestSim > second) ties = 0;
        }
        // Could another unmatched left item take `best` just as well?
        let rivals = 0;
        const cr = R.cents[best];
        for (
          let p = lFree.find(lowerBound(L.cents, lSorted, cr - bestDiff));
          p < lSorted.length;
          p = lFree.find(p + 1)
        ) {
          const k = lSorted[p];
          if (L.cents[k] > cr + bestDiff) break;
          if (k !== i && (noDates || Math.abs(L.day[k] - R.day[best]) <= win)) {
            rivals++;
            break;
          }
        }
        const dayTerm = noDates ? 0.1 : win > 0 ? (0.1 * bestDays) / win : 0;
        const diffTerm = allowed > 0 ? (0.2 * bestDiff) / allowed : 0;
        let score = 1 - dayTerm - diffTerm;
        const ambiguous = ties > 0 || rivals > 0;
        if (ambiguous) score *= 0.85;
        if (Number.isNaN(agreement) && checkText) agreement = this.textAgreement(i, best);
        const disagree = agreement < 0;
        if (disagree) score *= 0.85;
        free.remove(posOf[best]);
        lFree.remove(lPos[i]);
        this.add1(i, best, "tolerance", score, undefined, (ambiguous ? 1 : 0) | (disagree ? 2 : 0));
      }
    };
    for (let from = 0; from < lItems.length; from += YIELD_EVERY) {
      yield { done: from, total: lItems.length, label: "Amount and date window" };
      run(from, Math.min(lItems.length, from + YIELD_EVERY));
    }
  }

  *fuzzy(): Generator<ReconProgress> {
    const { L, R, rules } = this;
    const rItems = unmatchedItems(this.rightMatch);
    const lItems = unmatchedItems(this.leftMatch);
    if (!rItems.length || !lItems.length) return;
    const rWords: string[][] = new Array(R.n);
    const index = new Map<string, number[]>();
    const post = (key: string, j: number) => {
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      if (list.length <= MAX_POSTING && list[list.length - 1] !== j) list.push(j);
    };
    for (const j of rItems) {
      const w = wordTokens(descriptionOf(R, j));
      rWords[j] = w;
      for (const t of w) post("W" + t, j);
      for (let k = R.keyStart[j]; k < R.keyStart[j + 1]; k++) {
        const s = R.keyStr[k];
        post("K" + s, j);
        for (let g = 0; g + 4 <= s.length; g++) post("G" + s.slice(g, g + 4), j);
      }
      if ((j & 1023) === 0) yield { done: 0, total: lItems.length, label: "Similar reference or description" };
    }
    const sorted = sortByValue(R.cents, rItems);
    const seen = new Int32Array(R.n).fill(-1);
    const win = rules.fuzzyDateWindowDays;
    // The items between two progress reports run in a plain function: the optimising compiler
    // does not replace a generator's loop while it runs, a plain function's it does.
    const run = (from: number, to: number): void => {
      for (let q = from; q < to; q++) {
        const i = lItems[q];
        const c = L.cents[i];
        const allowed = allowedDiff(rules, c);
        const words = wordTokens(descriptionOf(L, i));
        const cands: number[] = [];
        const consider = (j: number) => {
          if (seen[j] === i || this.rightMatch[j] >= 0 || cands.length >= MAX_FUZZY_CANDIDATES * 4) return;
          seen[j] = i;
          cands.push(j);
        };
        const probe = (key: string) => {
          const list = index.get(key);
          if (list && list.length <= MAX_POSTING) for (const j of list) consider(j);
        };
        for (let k = L.keyStart[i]; k < L.keyStart[i + 1]; k++) {
          const s = L.keyStr[k];
          probe("K" + s);
          for (let g = 0; g + 4 <= s.length; g++) probe("G" + s.slice(g, g + 4));
        }
        for (const t of words) probe("W" + t);
        let scanned = 0;
        for (let p = lowerBound(R.cents, sorted, c - allowed); p < sorted.length && scanned < 32; p++, scanned++) {
          if (R.cents[sorted[p]] > c + allowed) break;
          consider(sorted[p]);
        }
        let best = -1;
        let bestScore = 0;
        let bestWhy = "";
        for (const j of cands) {
          const cr = R.cents[j];
          const diff = Math.abs(c - cr);
          let amountFactor: number;
          if (diff <= allowed) amountFactor = allowed > 0 ? 1 - (0.1 * diff) / allowed : 1;
          else if (isTransposition(c, cr)) amountFactor = 0.75;
          else continue;
          const days = this.daysApart(i, j);
          if (days > win) continue;
          let refSim = 0;
          let refPair = "";
          for (let a = L.keyStart[i]; a < Math.min(L.keyStart[i + 1], L.keyStart[i] + 3); a++)
            for (let b = R.keyStart[j]; b < Math.min(R.keyStart[j + 1], R.keyStart[j] + 3); b++) {
              const s = jaroWinkler(L.keyStr[a], R.keyStr[b]);
              if (s > refSim) {
                refSim = s;
                refPair = L.keyStr[a] === R.keyStr[b] ? L.keyStr[a] : `${L.keyStr[a]} ~ ${R.keyStr[b]}`;
              }
            }
          const descSim = jaccard(words, rWords[j] ?? []);
          const sim = Math.max(refSim, descSim);
          if (sim < rules.fuzzyThreshold) continue;
          const dateFactor = !Number.isNaN(days) && days <= rules.dateWindowDays ? 1 : 0.9;
          const score = 0.95 * sim * amountFactor * dateFactor;
          if (score > bestScore || (score === bestScore && j < best)) {
            best = j;
            bestScore = score;
            const what =
              refSim >= descSim
                ? `similar reference (${refPair}, ${refSim.toFixed(2)})`
                : `similar description (${descSim.toFixed(2)})`;
            const amt =
              diff === 0
                ? "same amount"
                : diff <= allowed
                  ? `amount differs by ${(diff / 100).toFixed(2)}`
                  : `amounts differ by two swapped digits (${(diff / 100).toFixed(2)})`;
            bestWhy = `${what}, ${amt}${Number.isNaN(days) ? "" : `, ${days} day${days === 1 ? "" : "s"} apart`}`;
          }
        }
        if (best >= 0) this.add1(i, best, "fuzzy", bestScore, bestWhy);
      }
    };
    for (let from = 0; from < lItems.length; from += 1024) {
      yield { done: from, total: lItems.length, label: "Similar reference or description" };
      run(from, Math.min(lItems.length, from + 1024));
    }
  }

  *group(): Generator<ReconProgress> {
    const K = this.rules.groupMaxSize;
    yield* this.groupDirection(this.L, this.R, this.leftMatch, this.rightMatch, K, true);
    yield* this.groupDirection(this.R, this.L, this.rightMatch, this.leftMatch, K, false);
  }

  private *groupDirection(
    one: PreparedSide,
    many: PreparedSide,
    oneMatch: Int32Array,
    manyMatch: Int32Array,
    K: number,
    oneIsLeft: boolean,
  ): Generator<ReconProgress> {
    const rules = this.rules;
    const ones = unmatchedItems(oneMatch);
    const pool = unmatchedItems(manyMatch);
    if (!ones.length || pool.length < 2) return;
    const useDates = one.mapping.date >= 0 && many.mapping.date >= 0;
    const win = rules.dateWindowDays;
    // The pool sorted by day (undated items last), for a binary-searched date window.
    const byDay = useDates
      ? sortByValue(
          many.day.map((d) => (Number.isNaN(d) ? 1e9 : d)),
          pool,
        )
      : pool;
    // Words and reference keys of the pool, and an index from each to the items holding it (in day order).
    const manyWords: Set<string>[] = new Array(many.n);
    const index = new Map<string, number[]>();
    for (let p = 0; p < byDay.length; p++) {
      const j = byDay[p];
      const w = new Set(wordTokens(descriptionOf(many, j)));
      for (let k = many.keyStart[j]; k < many.keyStart[j + 1]; k++) w.add(many.keyStr[k]);
      manyWords[j] = w;
      for (const x of w) {
        let list = index.get(x);
        if (!list) index.set(x, (list = []));
        list.push(j);
      }
    }
    const stamp = new Int32Array(many.n).fill(-1);
    const amt = new Float64Array(GROUP_CANDIDATES);
    const suffix = new Float64Array(GROUP_CANDIDATES + 1);
    const text: number[] = [];
    const near: { j: number; days: number }[] = [];
    // The items between two progress reports run in a plain function: the optimising compiler
    // does not replace a generator's loop while it runs, a plain function's it does.
    const run = (from: number, to: number): void => {
      for (let q = from; q < to; q++) {
        const t = ones[q];
        if (oneMatch[t] >= 0) continue;
        const T = one.cents[t];
        if (T === 0) continue;
        const sign = T > 0 ? 1 : -1;
        const target = Math.abs(T);
        const allowed = allowedDiff(rules, T);
        const d = one.day[t];
        if (useDates && Number.isNaN(d)) continue;
        const fits = (j: number) => {
          if (manyMatch[j] >= 0 || stamp[j] === t) return false;
          const c = many.cents[j] * sign;
          if (c <= 0 || c > target + allowed) return false;
          return !useDates || Math.abs(many.day[j] - d) <= win;
        };
        // 1. Items sharing a word or reference with the one (same counterparty), nearest date first.
        const tw = new Set(wordTokens(descriptionOf(one, t)));
        for (let k = one.keyStart[t]; k < one.keyStart[t + 1]; k++) tw.add(one.keyStr[k]);
        text.length = 0;
        for (const x of tw) {
          const list = index.get(x);
          if (!list) continue;
          let p0 = 0;
          if (useDates) {
            // Lists are in day order: start at the window's first day.
            let a = 0;
            let b = list.length;
            while (a < b) {
              const m = (a + b) >>> 1;
              if (many.day[list[m]] < d - win) a = m + 1;
              else b = m;
            }
            p0 = a;
          }
          for (let p = p0, seen = 0; p < list.length && seen < 4096; p++, seen++) {
            const j = list[p];
            if (useDates && many.day[j] > d + win) break;
            if (fits(j)) {
              stamp[j] = t;
              text.push(j);
            }
          }
        }
        if (useDates) text.sort((x, y) => Math.abs(many.day[x] - d) - Math.abs(many.day[y] - d) || x - y);
        else text.sort((x, y) => x - y);
        if (text.length > GROUP_TEXT_CANDIDATES) text.length = GROUP_TEXT_CANDIDATES;
        let found = text.length >= 2 ? this.subsetSum(many, text, target, allowed, K, amt, suffix, GROUP_STEPS) : null;
        let withText = true;
        if (!found) {
          // 2. Any items nearest in date (then lowest row), fewer search steps.
          near.length = 0;
          if (useDates) {
            // Walk outwards from the one's date: the nearest days first, both directions.
            let lo = 0;
            let hi = byDay.length;
            while (lo < hi) {
              const m = (lo + hi) >>> 1;
              if (many.day[byDay[m]] < d) lo = m + 1;
              else hi = m;
            }
            let down = lo - 1;
            let up = lo;
            let scanned = 0;
            while (near.length < GROUP_CANDIDATES && scanned < GROUP_CANDIDATES * 64) {
              const du = up < byDay.length ? many.day[byDay[up]] - d : Infinity;
              const dd = down >= 0 ? d - many.day[byDay[down]] : Infinity;
              if ((du > win || !(du < Infinity)) && (dd > win || !(dd < Infinity))) break;
              const takeUp = du <= dd;
              const j = takeUp ? byDay[up++] : byDay[down--];
              scanned++;
              if (fits(j)) near.push({ j, days: takeUp ? du : dd });
            }
          } else {
            for (let p = 0; p < byDay.length && near.length < GROUP_CANDIDATES; p++)
              if (fits(byDay[p])) near.push({ j: byDay[p], days: 0 });
          }
          if (near.length >= 2) {
            near.sort((x, y) => x.days - y.days || x.j - y.j);
            const cands = near.slice(0, GROUP_CANDIDATES).map((x) => x.j);
            for (const j of text) if (!cands.includes(j) && cands.length < GROUP_CANDIDATES) cands.push(j);
            found = this.subsetSum(many, cands, target, allowed, K, amt, suffix, GROUP_STEPS / 4);
            withText = false;
          }
        }
        if (!found) continue;
        const members = found.members;
        let share = 0;
        for (const j of members) {
          const w = manyWords[j];
          for (const x of w)
            if (tw.has(x)) {
              share++;
              break;
            }
        }
        void withText;
        const frac = share / members.length;
        const bestDiff = found.diff;
        const score =
          bestDiff === 0 ? 0.85 + 0.15 * frac : 0.75 + 0.1 * frac - (allowed > 0 ? (0.1 * bestDiff) / allowed : 0);
        const why =
          `${members.length} items ${bestDiff === 0 ? "add up exactly" : `add up within ${(bestDiff / 100).toFixed(2)}`}` +
          (share ? `, ${share} of ${members.length} share the name or reference` : "");
        if (oneIsLeft) this.addGroup([t], members, "group", score, why);
        else this.addGroup(members, [t], "group", score, why);
      }
    };
    for (let from = 0; from < ones.length; from += 1024) {
      yield { done: from, total: ones.length, label: "Groups of items" };
      run(from, Math.min(ones.length, from + 1024));
    }
  }

  /**
   * Bounded subset sum: 2..K of `cands` whose absolute amounts add up to `target` within `allowed`.
   * Depth-first over amounts in descending order with sum bounds, at most GROUP_STEPS steps; an exact sum
   * ends the search, else the smallest difference (then the fewest items) wins.
   */
  private subsetSum(
    many: PreparedSide,
    candsIn: readonly number[],
    target: number,
    allowed: number,
    K: number,
    amt: Float64Array,
    suffix: Float64Array,
    maxSteps: number,
  ): { members: number[]; diff: number } | null {
    const cands = [...candsIn].slice(0, GROUP_CANDIDATES);
    cands.sort((x, y) => Math.abs(many.cents[y]) - Math.abs(many.cents[x]) || x - y);
    const C = cands.length;
    for (let k = 0; k < C; k++) amt[k] = Math.abs(many.cents[cands[k]]);
    suffix[C] = 0;
    for (let k = C - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + amt[k];
    if (suffix[0] - suffix[Math.min(C, K)] < target - allowed) return null; // even the K largest fall short
    let steps = 0;
    let bestSet: number[] | null = null;
    let bestDiff = Infinity;
    const stack: number[] = [];
    const dfs = (start: number, sum: number): boolean => {
      for (let p = start; p < C; p++) {
        if (++steps > maxSteps) return true;
        if (sum + suffix[p] < target - allowed) return false;
        const s2 = sum + amt[p];
        if (s2 > target + allowed) continue;
        stack.push(p);
        if (stack.length >= 2) {
          const diff = Math.abs(target - s2);
          if (
            diff <= allowed &&
            (diff < bestDiff || (diff === bestDiff && bestSet !== null && stack.length < bestSet.length))
          ) {
            bestDiff = diff;
            bestSet = [...stack];
            if (diff === 0) return true;
          }
        }
        if (stack.length < K && dfs(p + 1, s2)) return true;
        stack.pop();
      }
      return false;
    };
    dfs(0, 0);
    if (!bestSet) return null;
    return { members: (bestSet as number[]).map((p) => cands[p]), diff: bestDiff };
  }
}

/**
 * Run the passes step by step: yields progress now and then (every few thousand items), returns the result.
 * Drive it to the end with `reconcile` (synchronous) or with awaits between steps to keep a UI live.
 */
export function* reconcileSteps(
  L: PreparedSide,
  R: PreparedSide,
  rules: ReconRules,
): Generator<ReconProgress, ReconResult, void> {
  const m = new Matcher(L, R, rules);
  if (rules.passes.exact) yield* m.exact();
  if (rules.passes.tolerance) yield* m.tolerance();
  if (rules.passes.fuzzy) yield* m.fuzzy();
  if (rules.passes.group) yield* m.group();
  const result = {
    left: L,
    right: R,
    rules,
    leftMatch: m.leftMatch,
    rightMatch: m.rightMatch,
    excluded: [...L.excluded, ...R.excluded],
    warnings: [...L.warnings, ...R.warnings],
  } as Omit<ReconResult, "matches" | "duplicates"> as ReconResult;
  // Match objects and the duplicate check are built when first read (output), not in the passes.
  const stored: Stored = { store: m.store, matches: null, duplicates: null };
  Object.defineProperty(result, "matches", {
    get: () => (stored.matches ??= materialize(m.store, L, R, rules)),
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(result, "duplicates", {
    get: () => (stored.duplicates ??= [...findDuplicates(L), ...findDuplicates(R)]),
    enumerable: true,
    configurable: true,
  });
  STORES.set(result, stored);
  return result;
}

interface Stored {
  store: MatchStore;
  /** The match objects once someone has read them (from then on they, not the store, are the matches). */
  matches: ReconMatch[] | null;
  duplicates: Duplicate[] | null;
}

/** Engine results (and their undecided views) and the typed arrays their matches are built from. */
const STORES = new WeakMap<ReconResult, Stored>();

/** The matches of a result as the passes left them: typed columns, for writers that need no objects. */
export interface MatchColumns {
  count: number;
  /** First (lowest) left and right item of match k. */
  l0: Int32Array;
  r0: Int32Array;
  /** Index into MATCH_RULES. */
  rule: Uint8Array;
  score: Float64Array;
  /** differenceCents. */
  diff: Float64Array;
  /** The items of each group match (by match index); every other match is one-to-one. */
  groups: ReadonlyMap<number, { left: readonly number[]; right: readonly number[] }>;
}

/**
 * The matches of an engine result (reconcile, or applyDecisions without decisions) as typed columns,
 * while no one has read them as objects; null otherwise (then `r.matches` is what counts). Match k is
 * `r.matches[k]`: id M(k+1), status confirmed when score >= rules.confidenceThreshold.
 */
export function matchColumns(r: ReconResult): MatchColumns | null {
  const st = STORES.get(r);
  if (!st || st.matches) return null;
  const s = st.store;
  return { count: s.count, l0: s.l0, r0: s.r0, rule: s.rule, score: s.score, diff: s.diff, groups: s.groups };
}

/**
 * The result of applying no decisions to an engine result, as applyDecisions gives it (decisions [],
 * nothing rejected, the same matches as copies renumbered M1..), with the copies made only when read.
 * null when `base` is not an engine result whose matches are still unread.
 */
export function undecidedResult(base: ReconResult): ReconResult | null {
  const st = STORES.get(base);
  if (!st || st.matches) return null;
  const out = {
    left: base.left,
    right: base.right,
    rules: base.rules,
    leftMatch: base.leftMatch.slice(),
    rightMatch: base.rightMatch.slice(),
    excluded: base.excluded,
    warnings: base.warnings,
  } as Omit<ReconResult, "matches" | "duplicates"> as ReconResult;
  let copies: ReconMatch[] | null = null;
  // Assignable, as applyDecisions' plain fields always were: a value set replaces the lazy one.
  const settable = (key: "matches" | "duplicates", get: () => unknown) =>
    Object.defineProperty(out, key, {
      get,
      set: (value: unknown) => {
        STORES.delete(out);
        Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      },
      enumerable: true,
      configurable: true,
    });
  settable("matches", () => (copies ??= base.matches.map((m, k) => ({ ...m, id: `M${k + 1}` }))));
  settable("duplicates", () => base.duplicates);
  out.rejected = [];
  out.decisions = [];
  out.decisionsApplied = 0;
  out.base = base;
  // Its matches are the base's: read as objects through either, the columns give way to them.
  STORES.set(out, st);
  return out;
}

function commonKey(L: PreparedSide, R: PreparedSide, i: number, j: number): string {
  for (let a = L.keyStart[i]; a < L.keyStart[i + 1]; a++)
    for (let b = R.keyStart[j]; b < R.keyStart[j + 1]; b++) if (L.keyStr[a] === R.keyStr[b]) return L.keyStr[a];
  return "";
}

function toleranceReason(L: PreparedSide, R: PreparedSide, i: number, j: number, flags: number): string {
  const diff = Math.abs(L.cents[i] - R.cents[j]);
  const parts = [diff === 0 ? "same amount" : `amount differs by ${(diff / 100).toFixed(2)}`];
  const days = Math.abs(L.day[i] - R.day[j]);
  parts.push(
    Number.isNaN(days) ? "no dates to compare" : days === 0 ? "same date" : `${days} day${days === 1 ? "" : "s"} apart`,
  );
  if (flags & 1) parts.push("another item could match as well");
  if (flags & 2) parts.push("references and descriptions differ");
  return parts.join(", ");
}

/** The matches as objects, in the order they were made (ids M1, M2, ...). */
function materialize(st: MatchStore, L: PreparedSide, R: PreparedSide, rules: ReconRules): ReconMatch[] {
  const out: ReconMatch[] = new Array(st.count);
  for (let k = 0; k < st.count; k++) {
    const g = st.groups.get(k);
    const rule = RULE_CODES[st.rule[k]];
    const i = st.l0[k];
    const j = st.r0[k];
    out[k] = {
      id: `M${k + 1}`,
      left: g ? g.left : [i],
      right: g ? g.right : [j],
      rule,
      status: st.score[k] >= rules.confidenceThreshold ? "confirmed" : "suggested",
      score: st.score[k],
      differenceCents: st.diff[k],
      reason:
        st.reasons.get(k) ??
        (rule === "exact"
          ? `same reference ${commonKey(L, R, i, j)} and amount`
          : toleranceReason(L, R, i, j, st.ambiguous[k])),
    };
  }
  return out;
}

/** Run every pass to the end, synchronously. */
export function reconcile(L: PreparedSide, R: PreparedSide, rules: ReconRules): ReconResult {
  const it = reconcileSteps(L, R, rules);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
