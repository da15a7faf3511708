/**
 * Text measures of the reconciliation engine.
 *
 * - References are compared after normalisation (`normRef`: upper case, letters and digits only, leading
 *   zeros of an all-digit reference dropped, so "000123456" = "123456" = "1234-56").
 * - A description may carry a reference ("NEFT CR ACME/UTR123456789012", "Payment to X chq 123456"):
 *   `refLikeTokens` are its tokens of 6+ characters holding a digit.
 * - Similarity (fuzzy pass) = the higher of
 *     Jaro-Winkler similarity of the two references (best pair of reference keys; prefix scale 0.1, up to 4), and
 *     token Jaccard similarity |A∩B| / |A∪B| of the descriptions' significant word tokens (bank codes such as
 *     NEFT, CR, DR, CHQ and filler words such as "to", "from", "payment" removed).
 */

const STOP = new Set(
  [
    "NEFT RTGS IMPS UPI ECS NACH ACH CR DR CHQ CHEQUE CHECK CLG NO REF REFNO TO FROM BY FOR OF THE AND AT ON IN",
    "PAYMENT PAYMENTS PAID RECEIPT RECEIVED RECEIPTS AGAINST TRF TRANSFER TXN TRANSACTION INB MB NET BANKING",
    "DEP DEPOSIT DEPOSITED WITHDRAWAL ATM POS VIA A C AC ACCOUNT INV INVOICE BILL LTD PVT LIMITED CO",
  ]
    .join(" ")
    .split(" "),
);

/** Character classes of ASCII for the scanners below: 1 digit, 2 upper-case letter, 3 lower-case letter. */
const ASCII = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII[c] = 1;
for (let c = 65; c <= 90; c++) ASCII[c] = 2;
for (let c = 97; c <= 122; c++) ASCII[c] = 3;

/** An all-digit text without its leading zeros (one zero is kept: "000" is "0"). */
function dropLeadingZeros(s: string): string {
  let k = 0;
  while (k < s.length - 1 && s.charCodeAt(k) === 48) k++;
  return k ? s.slice(k) : s;
}

/**
 * normRef of a text that is already upper-case letters and digits (most references): the text itself,
 * without the regular expressions (and without leading zeros when all digits); null for any other text.
 */
function cleanRef(s: string): string | null {
  let digitsOnly = true;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    const t = c < 128 ? ASCII[c] : 0;
    if (t === 0 || t === 3) return null;
    if (t === 2) digitsOnly = false;
  }
  return digitsOnly && s.length ? dropLeadingZeros(s) : s;
}

/** Normalised reference: upper case, letters and digits only; an all-digit reference loses leading zeros. */
export function normRef(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") {
    const quick = cleanRef(v);
    if (quick !== null) return quick;
  } else if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return String(v);
  let s = typeof v === "number" ? (Number.isInteger(v) ? String(v) : String(v)) : String(v);
  s = s.toUpperCase().replace(/[^A-Z0-9]+/g, "");
  if (/^\d+$/.test(s)) s = s.replace(/^0+(?=\d)/, "");
  return s;
}

/** Upper-case alphanumeric tokens of a text. */
export function tokens(text: string): string[] {
  const out = text.toUpperCase().split(/[^A-Z0-9]+/);
  return out.filter((t) => t !== "");
}

/** Tokens that look like a reference: 6+ characters including a digit (UTR numbers, cheque numbers). */
export function refLikeTokens(text: string): string[] {
  const out: string[] = [];
  pushRefLikeTokens(text, "", out);
  return out;
}

/**
 * Append the reference-like tokens of a text (refLikeTokens) other than `except` to `out`, in order.
 * ASCII text is scanned by character codes, each token sliced once; other text (where upper-casing may
 * change letters, "ß" to "SS") goes through `tokens`.
 */
export function pushRefLikeTokens(text: string, except: string, out: string[]): void {
  const n = text.length;
  const first = out.length;
  let start = -1;
  let digits = 0;
  let lower = false;
  for (let k = 0; k <= n; k++) {
    const c = k < n ? text.charCodeAt(k) : 32;
    if (c >= 128) {
      out.length = first;
      return slowRefLikeTokens(text, except, out);
    }
    const t = ASCII[c];
    if (t !== 0) {
      if (start < 0) {
        start = k;
        digits = 0;
        lower = false;
      }
      if (t === 1) digits++;
      else if (t === 3) lower = true;
      continue;
    }
    if (start < 0) continue;
    const len = k - start;
    if (len >= 6 && digits > 0) {
      let tok = text.slice(start, k);
      if (lower) tok = tok.toUpperCase();
      else if (digits === len) tok = dropLeadingZeros(tok);
      if (tok !== except) out.push(tok);
    }
    start = -1;
  }
}

function slowRefLikeTokens(text: string, except: string, out: string[]): void {
  for (const t of tokens(text))
    if (t.length >= 6 && /\d/.test(t)) {
      const tok = /^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, "") : t;
      if (tok !== except) out.push(tok);
    }
}

/** Significant word tokens of a description (3+ characters, not a bank code or filler word, not all digits). */
export function wordTokens(text: string): string[] {
  const out: string[] = [];
  // ASCII text (most) scanned by character code, without the regular expressions and the arrays of
  // tokens; any other text through tokens, as upper-casing may turn a letter that is not ASCII into
  // ASCII ones ("ß" is "SS").
  let start = -1;
  let digits = true;
  let lower = false;
  for (let k = 0; k <= text.length; k++) {
    const c = k < text.length ? text.charCodeAt(k) : 32;
    if (c > 127) return wordTokensOf(tokens(text));
    const cls = ASCII[c];
    if (cls) {
      if (start < 0) {
        start = k;
        digits = true;
        lower = false;
      }
      if (cls !== 1) digits = false;
      if (cls === 3) lower = true;
    } else if (start >= 0) {
      if (k - start >= 3 && !digits) {
        const t = lower ? text.slice(start, k).toUpperCase() : text.slice(start, k);
        if (!STOP.has(t)) out.push(t);
      }
      start = -1;
    }
  }
  return out;
}

function wordTokensOf(all: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of all) if (t.length >= 3 && !STOP.has(t) && !/^\d+$/.test(t)) out.push(t);
  return out;
}

/** Jaro similarity of two strings (0-1). */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const win = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Uint8Array(la);
  const mb = new Uint8Array(lb);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - win);
    const hi = Math.min(lb - 1, i + win);
    for (let j = lo; j <= hi; j++) {
      if (!mb[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        ma[i] = 1;
        mb[j] = 1;
        m++;
        break;
      }
    }
  }
  if (!m) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  return (m / la + m / lb + (m - t / 2) / m) / 3;
}

/** Jaro-Winkler similarity (prefix scale 0.1, common prefix up to 4 characters). jaroWinkler("MARTHA","MARHTA") ≈ 0.961 */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let p = 0;
  const lim = Math.min(4, a.length, b.length);
  while (p < lim && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return j + p * 0.1 * (1 - j);
}

/** Jaccard similarity of two token sets: |A∩B| / |A∪B| (0 when both are empty). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  for (const t of sa) if (sb.has(t)) inter++;
  return inter / (sa.size + sb.size - inter);
}

/** 32-bit FNV-1a hash of a string (for hash indexes; equality is always re-checked on the string). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * True when b's digits are a's digits with two adjacent digits swapped (45,210.00 keyed as 45,120.00),
 * the classic keying error whose difference is a multiple of 9. Compared in minor units, same sign.
 */
export function isTransposition(aCents: number, bCents: number): boolean {
  if (aCents === bCents || Math.sign(aCents) !== Math.sign(bCents)) return false;
  if ((aCents - bCents) % 9 !== 0) return false;
  const x = String(Math.abs(aCents));
  const y = String(Math.abs(bCents));
  if (x.length !== y.length) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  if (i >= x.length - 1) return false;
  return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2);
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text as it may reach a terminal: control characters (C0 but tab and newline, DEL, C1) shown as \uXXXX,
 * so a cell value holding an escape sequence is printed, never obeyed. In a JSON document this only ever
 * touches DEL and C1 inside strings (JSON.stringify already escapes the rest), as valid JSON escapes of the
 * same characters. (The CLI prints through it: src/cli/io.ts terminalSafe.)
 */
export function controlsEscaped(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}
