/**
 * The ownership marker both adapters put on the sheets bpo-desk creates: a workbook-level
 * defined name `BPODESK_<ROLE>` referring to 'Sheet Name'!$A$1. Excel updates the reference
 * when the sheet is renamed and turns it into #REF! when the sheet is deleted, so "the name
 * resolves to this sheet" is exactly "bpo-desk created this sheet for this role".
 *
 * Encoding (injective, so sheets() can report the role back):
 * - roles made of lowercase words joined by ":" or "-" ("report:aging", "entry-log") read as
 *   BPODESK_REPORT__AGING and BPODESK_ENTRY_LOG (":" -> "__", "-" -> "_");
 * - any other role is hex-encoded: BPODESKX_<utf-16 code units as 4 hex digits each>.
 * Defined names are case-insensitive in Excel, hence the uppercase.
 */
import { sheetOfReference, sheetReference } from "./a1";

const READABLE = /^[a-z0-9]+([:-][a-z0-9]+)*$/;

export function markerName(role: string): string {
  if (READABLE.test(role)) return "BPODESK_" + role.replace(/:/g, "__").replace(/-/g, "_").toUpperCase();
  let hex = "";
  for (let i = 0; i < role.length; i++) hex += role.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
  return "BPODESKX_" + hex;
}

/** The role a defined name marks, or null when the name is not a bpo-desk marker. */
export function roleFromMarker(name: string): string | null {
  const n = name.toUpperCase();
  if (n.startsWith("BPODESKX_")) {
    const hex = n.slice(9);
    if (!/^([0-9A-F]{4})+$/.test(hex)) return null;
    let s = "";
    for (let i = 0; i < hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  }
  if (!n.startsWith("BPODESK_")) return null;
  const body = n.slice(8);
  if (!/^[A-Z0-9]+(_{1,2}[A-Z0-9]+)*$/.test(body)) return null;
  return body.toLowerCase().replace(/__/g, ":").replace(/_/g, "-");
}

/** What the marker name refers to: 'Sheet Name'!$A$1. */
export function markerReference(sheet: string): string {
  return sheetReference(sheet, "A1");
}

export interface MarkerEntry {
  role: string;
  name: string;
  /** The sheet the name resolves to (null for #REF!, i.e. a deleted sheet). */
  sheet: string | null;
}

/** Markers among a workbook's defined names, given each name's reference text. */
export function markersOf(
  names: readonly { name: string; reference: string; comment?: string | null }[],
): MarkerEntry[] {
  const out: MarkerEntry[] = [];
  for (const n of names) {
    const decoded = roleFromMarker(n.name);
    if (decoded === null) continue;
    // Inside Excel the exact role is also kept in the name's comment.
    const role = n.comment && markerName(n.comment).toUpperCase() === n.name.toUpperCase() ? n.comment : decoded;
    out.push({ role, name: n.name, sheet: sheetOfReference(n.reference) });
  }
  return out;
}

/** Role of the sheet by reverse lookup, or null when no marker resolves to it. */
export function roleOfSheet(markers: readonly MarkerEntry[], sheet: string): string | null {
  const m = markers.find((e) => e.sheet !== null && e.sheet.toLowerCase() === sheet.toLowerCase());
  return m ? m.role : null;
}

/** Whether `sheet` carries the marker of `role`. */
export function isOwnedBy(markers: readonly MarkerEntry[], sheet: string, role: string): boolean {
  const name = markerName(role).toUpperCase();
  return markers.some(
    (e) => e.name.toUpperCase() === name && e.sheet !== null && e.sheet.toLowerCase() === sheet.toLowerCase(),
  );
}
