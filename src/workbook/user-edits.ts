/**
 * What a user added to a sheet the add-in owns, and what to do about it before the sheet is replaced: the one
 * place that decides (both adapters and every shell use it; no I/O here).
 *
 * A re-run replaces an add-in sheet in place (office.ts) or rewrites its part (file.ts). What the user put on it
 * then goes, or silently points at new figures:
 * - comments and notes on its cells (cleared with the old content);
 * - defined names the add-in did not make that point into it (workbook-level ones, or another sheet's) or live on
 *   it (sheet-scoped): they survive, but now name whatever the new report put in those cells.
 * The add-in's own names are its ownership markers (marker.ts), the names the new spec defines, and the names it
 * defined on its sheets before, recognised by their comment (ownNameComment). A user's name counts once: the
 * first re-run after it appeared says so; the names already said are remembered with the sheet (seenNamesName), so
 * a name the user's own formulas rely on does not ask again, nor keep another copy, on every run.
 * Cell edits are not looked for: telling them needs the old sheet's cells read back, which on a large report is
 * several more 5 MB responses in Excel.
 */
import type { SheetSpec } from "../core/sheet-spec";
import { markerName, roleFromMarker } from "./marker";
import { parseRange } from "./a1";
import { WorkbookError } from "./port";

/** The user's edits found on an add-in sheet about to be replaced. */
export interface UserEdits {
  /** The sheet. */
  sheet: string;
  /** Threaded comments on its cells. */
  comments: number;
  /** Notes (the older kind of comment) on its cells. */
  notes: number;
  /** Defined names the add-in did not make that point into it or live on it ("Summary!Top", "MyTotal"). */
  names: string[];
  /** What this host could not look at (Excel before ExcelApi 1.10 has no comments API, before 1.18 no notes API). */
  unchecked: ("comments" | "notes")[];
}

/** A defined name as a workbook lists it. */
export interface SeenName {
  name: string;
  /** What it refers to, as Excel gives it: "='Aging'!$A$40:$I$41,'Aging'!$A$45:$I$45". */
  formula: string;
  comment?: string | null;
  /** The sheet it is scoped to (Worksheet.names), or null for a workbook-level name. */
  scope: string | null;
}

/** What a host saw on and around the sheet: every defined name, and the sheet's comments and notes (null: not looked at). */
export interface SheetFindings {
  names: readonly SeenName[];
  comments: number | null;
  notes: number | null;
}

/** The end of the comment of every name the add-in defines on its sheets: how a re-run knows its own names. */
export const OWN_NAME_TAG = "(BPO Desk)";
/** Excel keeps at most 255 characters of a name's comment (Name Manager). */
const MAX_NAME_COMMENT = 255;

/** The comment the add-in gives a name it defines: the spec's comment, tagged. ownNameComment("Rows 90+") === "Rows 90+ (BPO Desk)". */
export function ownNameComment(comment?: string): string {
  const text = (comment ?? "").trim();
  if (!text) return OWN_NAME_TAG;
  const room = MAX_NAME_COMMENT - OWN_NAME_TAG.length - 1;
  return `${text.length > room ? text.slice(0, room - 1) + "…" : text} ${OWN_NAME_TAG}`;
}

/** Whether a name's comment says the add-in defined it. */
export function isOwnNameComment(comment: string | null | undefined): boolean {
  return !!comment && comment.trimEnd().endsWith(OWN_NAME_TAG);
}

/**
 * Excel's rules for a defined name, checked before anything is written: letters, digits, "_", "." and backslash,
 * beginning with a letter, "_" or a backslash; at most 255 characters; not a cell reference (A1, R1C1) nor "C"/"R".
 * ECMA-376 Part 1 §18.17.2.5 "Names"; Office's grammar for them:
 * https://learn.microsoft.com/openspecs/office_standards/ms-oi29500/1399f3cb-927c-4611-96ee-666143a8be35
 */
export function checkDefinedName(name: string): void {
  const bad =
    !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) ||
    name.length > 255 ||
    /^[A-Za-z]{1,3}\d+$/.test(name) ||
    /^[RrCc]$/.test(name) ||
    /^[Rr]\d*[Cc]\d*$/.test(name);
  if (bad)
    throw new WorkbookError(
      `"${name}" is not a valid Excel name: use letters, digits and _ only, starting with a letter, and not a cell reference.`,
      "bad-input",
    );
}

/** A spec's links' cells and its names' rules and areas, checked before anything is written (both adapters). */
export function checkLinksAndNames(spec: Pick<SheetSpec, "name" | "hyperlinks" | "names">): void {
  for (const l of spec.hyperlinks ?? []) parseRange(l.cell);
  const seen = new Set<string>();
  for (const n of spec.names ?? []) {
    checkDefinedName(n.name);
    nameAreas(n.refersTo);
    if (seen.has(n.name.toLowerCase()))
      throw new WorkbookError(`The name "${n.name}" is defined twice on the sheet "${spec.name}".`, "bad-input");
    seen.add(n.name.toLowerCase());
  }
}

/**
 * Whether a name is one of the names Excel keeps for a sheet's own setup: its print titles, print area and filter
 * (`_xlnm.Print_Titles` in the file, "Print_Titles" through the API; ECMA-376 Part 1 §18.2.6). They come and go
 * with the sheet's print setup and filters, which a report sets itself, so they are not the user's annotations.
 */
export function isSheetSetupName(name: string): boolean {
  return /^(?:_xlnm\.)?(?:Print_Titles|Print_Area|_FilterDatabase)$/i.test(name);
}

/** The areas of a DefinedNameSpec.refersTo ("A40:I41,A45:I45"), each checked; a bad one is a WorkbookError. */
export function nameAreas(refersTo: string): string[] {
  const areas = refersTo
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  if (!areas.length)
    throw new WorkbookError(`A name must refer to at least one range; got "${refersTo}".`, "bad-input");
  for (const a of areas) parseRange(a);
  return areas;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether a name's formula refers to cells of `sheet` ('Aging Report'!$B$4, Aging!A1:B2), case-insensitively. */
export function refersToSheet(formula: string, sheet: string): boolean {
  const quoted = `'${sheet.replace(/'/g, "''")}'!`;
  if (formula.toLowerCase().includes(quoted.toLowerCase())) return true;
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet)) return false;
  return new RegExp(`(?<![A-Za-z0-9_.'])${escapeRe(sheet)}!`, "i").test(formula);
}

/**
 * A formula with its references to `from` pointing at `to` instead ("='Aging'!$B$4" -> "='Aging (kept)'!$B$4"), as
 * Excel re-points a sheet's own names on the copy it makes of the sheet. Other sheets' references stay.
 */
export function repointReferences(formula: string, from: string, to: string): string {
  const target = `'${to.replace(/'/g, "''")}'!`;
  const quoted = new RegExp(escapeRe(`'${from.replace(/'/g, "''")}'!`), "gi");
  let out = formula.replace(quoted, target);
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(from))
    out = out.replace(new RegExp(`(?<![A-Za-z0-9_.'])${escapeRe(from)}!`, "gi"), target);
  return out;
}

/** The comment of the hidden name that remembers the user's names already said (seenNamesName). */
export const SEEN_NAMES_COMMENT = `The names of yours BPO Desk has told you about ${OWN_NAME_TAG}`;
/** The comment of the hidden name that lists the add-in's own names on its sheet (ownNamesName). */
export const OWN_NAMES_COMMENT = `The names BPO Desk defined on its sheet ${OWN_NAME_TAG}`;

/**
 * The hidden workbook-level name that remembers, for the sheet of `role`, the user's names already said
 * ("BPODESK.SEEN_REPORT__AGING"): not a marker (roleFromMarker gives null), and removed with the sheet.
 */
export function seenNamesName(role: string): string {
  return markerName(role).replace(/^BPODESK/, "BPODESK.SEEN");
}

/**
 * The hidden workbook-level name that lists the names the add-in defined on the sheet of `role`
 * ("BPODESK.OWN_REPORT__AGING"): how a re-run knows its own names where their comment tag (ownNameComment) is
 * gone. LibreOffice keeps no comment of a defined name, so after a book has been saved there, a re-run whose
 * names differ (a bucket the new as-of date leaves empty) would otherwise take the old ones for the user's.
 */
export function ownNamesName(role: string): string {
  return markerName(role).replace(/^BPODESK/, "BPODESK.OWN");
}

/** Excel's limit on a text constant in a formula. */
const MAX_TEXT_CONSTANT = 255;
/** Excel's limit on a formula's length (a defined name's formula included). */
const MAX_FORMULA = 8192;

/**
 * The formula of a name list (seenNamesName, ownNamesName): text constants of at most 255 characters each (Excel's
 * limit on one), joined by "&", listing the names ":"-separated (":" is in no defined name, being the range
 * operator, and in no sheet name). Null when there is none. Names beyond Excel's 8,192 characters of a formula are
 * left out (a seen name is said again; an own name is still known by its comment).
 */
export function nameListFormula(names: readonly string[]): string | null {
  const chunks: string[] = [];
  let text = "";
  let length = 1;
  const close = () => {
    if (!text) return;
    const constant = `"${text.replace(/"/g, '""')}"`;
    chunks.push(constant);
    length += constant.length + 1;
    text = "";
  };
  for (const n of [...new Set(names)].sort()) {
    if (n.length > MAX_TEXT_CONSTANT - 1) continue;
    const next = text ? `${text}:${n}` : n;
    if (next.length > MAX_TEXT_CONSTANT) {
      // A chunk starts with ":" when it continues the list (so the joined text is the list itself).
      close();
      text = `:${n}`;
    } else text = next;
    if (length + text.length + 3 > MAX_FORMULA) {
      text = "";
      break;
    }
  }
  close();
  return chunks.length ? `=${chunks.join("&")}` : null;
}

/** The names a name-list formula lists (none for anything else). */
export function nameListOf(formula: string | null | undefined): string[] {
  const f = (formula ?? "").trim();
  if (!/^="(?:[^"]|"")*"(?:\s*&\s*"(?:[^"]|"")*")*$/.test(f)) return [];
  let text = "";
  for (const m of f.matchAll(/"((?:[^"]|"")*)"/g)) text += m[1].replace(/""/g, '"');
  return text ? text.split(":").filter(Boolean) : [];
}

/** A hidden name the add-in keeps beside the sheet of a role: its name, formula and comment. */
export interface StateName {
  name: string;
  formula: string;
  comment: string;
}

/** The hidden names to keep after writing the sheet of `role`: the user's names said, the add-in's own names. */
export function stateNamesAfter(role: string, userNames: readonly string[], specNames: readonly string[]): StateName[] {
  const out: StateName[] = [];
  const seen = nameListFormula(userNames);
  if (seen) out.push({ name: seenNamesName(role), formula: seen, comment: SEEN_NAMES_COMMENT });
  const own = nameListFormula(specNames);
  if (own) out.push({ name: ownNamesName(role), formula: own, comment: OWN_NAMES_COMMENT });
  return out;
}

/** Whether a workbook-level name is one of the hidden names the add-in keeps beside the sheet of `role`. */
export function isStateNameOf(role: string, name: string): boolean {
  const n = name.toUpperCase();
  return n === seenNamesName(role).toUpperCase() || n === ownNamesName(role).toUpperCase();
}

/** What the hidden names beside the sheet of `role` say, from the workbook-level names: the names said, the own ones. */
export function stateListsOf(
  role: string,
  workbookNames: readonly { name: string; formula: string | null | undefined }[],
): { seen: string[]; ownBefore: string[] } {
  const of = (state: string) =>
    nameListOf(workbookNames.find((n) => n.name.toUpperCase() === state.toUpperCase())?.formula);
  return { seen: of(seenNamesName(role)), ownBefore: of(ownNamesName(role)) };
}

/**
 * Whether a name on the sheet being replaced is the add-in's own: tagged as its own (ownNameComment), one of the
 * spec's `specNames`, or listed beside the sheet by the last run (`ownBefore`, stateListsOf: a save in LibreOffice
 * drops the tags). The one test of userEditsOn and of both adapters' replacing of the sheet's names.
 */
export function ownNameTest(
  specNames: readonly string[],
  ownBefore: readonly string[],
): (n: { name: string; comment?: string | null }) => boolean {
  const own = new Set([...specNames, ...ownBefore].map((n) => n.toLowerCase()));
  return (n) => isOwnNameComment(n.comment) || own.has(n.name.toLowerCase());
}

/**
 * The user's edits on `sheet` from what the host found: its comments and notes, and the names the add-in did not
 * make (not a marker, not its own by ownNameTest) that are scoped to it or point into it and were not already said
 * (`seen`). `userNames` are all such names, said or not: what to remember after the write.
 */
export function userEditsOn(
  sheet: string,
  found: SheetFindings,
  specNames: readonly string[] = [],
  seen: readonly string[] = [],
  ownBefore: readonly string[] = [],
): { edits: UserEdits; userNames: string[] } {
  const isOwn = ownNameTest(specNames, ownBefore);
  const said = new Set(seen.map((n) => n.toLowerCase()));
  const lower = sheet.toLowerCase();
  const userNames: string[] = [];
  for (const n of found.names) {
    // Markers, the add-in's own state, and the sheet-level copies of them Excel makes when a sheet is copied.
    if (roleFromMarker(n.name) !== null || /^BPODESK\./i.test(n.name) || isSheetSetupName(n.name)) continue;
    const onSheet = n.scope !== null && n.scope.toLowerCase() === lower;
    if (onSheet && isOwn(n)) continue;
    if (!onSheet && !refersToSheet(n.formula, sheet)) continue;
    userNames.push(n.scope === null || onSheet ? n.name : `${n.scope}!${n.name}`);
  }
  return {
    edits: {
      sheet,
      comments: found.comments ?? 0,
      notes: found.notes ?? 0,
      names: userNames.filter((n) => !said.has(n.toLowerCase())),
      unchecked: [
        ...(found.comments === null ? ["comments" as const] : []),
        ...(found.notes === null ? ["notes" as const] : []),
      ],
    },
    userNames,
  };
}

/** Whether anything of the user's was found. */
export function hasUserEdits(e: UserEdits | null | undefined): e is UserEdits {
  return !!e && e.comments + e.notes + e.names.length > 0;
}

function count(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? "" : "s"}`;
}

function list(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** "2 comments, 1 note and the names MyTotal, Top10" (the first five names, then how many more). */
export function describeUserEdits(e: UserEdits): string {
  const parts: string[] = [];
  if (e.comments) parts.push(count(e.comments, "comment"));
  if (e.notes) parts.push(count(e.notes, "note"));
  if (e.names.length) {
    const shown = e.names.slice(0, 5).join(", ") + (e.names.length > 5 ? ` and ${e.names.length - 5} more` : "");
    parts.push(`the name${e.names.length === 1 ? "" : "s"} ${shown}`);
  }
  return list(parts);
}

/** One sentence for a sheet replaced over the user's edits: what was found, and where the old sheet went. */
export function userEditsSentence(e: UserEdits, keptAs: string | null): string {
  const found = `"${e.sheet}" had changes of yours (${describeUserEdits(e)})`;
  return keptAs
    ? `${found}: the old sheet is kept as "${keptAs}" and the report replaced it.`
    : `${found}; the report replaced it without keeping a copy${e.names.length ? " (the names now point at the new figures)" : ""}.`;
}

/** Excel's limit on a sheet name. */
const MAX_SHEET_NAME = 31;

/**
 * The name of the copy kept of `sheet` on `date` (YYYY-MM-DD): "Aging (kept 2025-10-31)", the sheet's name shortened
 * to fit Excel's 31 characters, and numbered when that name is taken ("Aging (kept 2025-10-31 2)").
 */
export function keptCopyName(sheet: string, date: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  for (let k = 1; ; k++) {
    const suffix = ` (kept ${date}${k > 1 ? ` ${k}` : ""})`;
    const base = sheet.slice(0, Math.max(1, MAX_SHEET_NAME - suffix.length)).trimEnd();
    const name = base + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}
