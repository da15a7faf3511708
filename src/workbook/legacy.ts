/**
 * .xls (BIFF, what many Indian bank portals still export, often as HTML or text named .xls), .xlsb and
 * .ods, read through SheetJS CE (@e965/xlsx, 0.20.3): the maintained reader for those formats. The npm
 * `xlsx` package stopped at 0.18.5 with known CVEs (prototype pollution, ReDoS) fixed only in
 * 0.19.3/0.20.2, which SheetJS publishes outside npm; @e965/xlsx republishes those releases unchanged.
 * Loaded only when such a file is opened (it is about 1 MB of code).
 *
 * Read only: a copy of such a book cannot be edited in place, so reports and copies need .xlsx/.xlsm.
 */
import type { CellValue } from "../core/sheet-spec";
import { DAYS_1904, isDateFormat, type SheetCells } from "./xlsx-read";

export type LegacyFormat = "xls" | "xlsb" | "ods";

export interface LegacySheet {
  name: string;
  visible: boolean;
  cells: SheetCells;
}

/** Thrown when SheetJS says the file is encrypted. */
export class EncryptedError extends Error {
  constructor() {
    super("password-protected");
    this.name = "EncryptedError";
  }
}

/** BIFF error codes as Excel shows them. */
const ERRORS: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

interface SheetJsCell {
  t: string;
  v?: unknown;
  w?: string;
  z?: string | number;
}

/** The sheets of a legacy workbook as rows of values (dates as 1900-system serials, as every source). */
export async function readLegacyBook(bytes: Uint8Array): Promise<LegacySheet[]> {
  const XLSX = await import("@e965/xlsx");
  let wb;
  try {
    wb = XLSX.read(bytes, {
      type: "array",
      dense: true,
      cellDates: false,
      cellNF: true,
      cellHTML: false,
      cellFormula: false,
      cellStyles: false,
      sheetStubs: false,
    });
  } catch (e) {
    if (/password|encrypt/i.test((e as Error).message)) throw new EncryptedError();
    throw e;
  }
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  const props = wb.Workbook?.Sheets ?? [];
  return wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name] as unknown as {
      "!data"?: (SheetJsCell | undefined)[][];
      "!merges"?: { s: { r: number; c: number }; e: { r: number; c: number } }[];
    };
    const data = ws["!data"] ?? [];
    const rowNumbers: number[] = [];
    const rows: CellValue[][] = [];
    for (let r = 0; r < data.length; r++) {
      const src = data[r];
      if (!src) continue;
      let out: CellValue[] | null = null;
      for (let c = 0; c < src.length; c++) {
        const cell = src[c];
        if (!cell) continue;
        const v = valueOf(cell, date1904);
        if (v === null) continue;
        out ??= [];
        out[c] = v;
      }
      if (out) {
        rowNumbers.push(r + 1);
        rows.push(out);
      }
    }
    const merges = (ws["!merges"] ?? []).map((m) => XLSX.utils.encode_range(m));
    const hidden = props[i]?.Hidden;
    return { name, visible: !hidden, cells: { rowNumbers, rows, merges } };
  });
}

function valueOf(cell: SheetJsCell, date1904: boolean): CellValue {
  switch (cell.t) {
    case "n": {
      let n = cell.v as number;
      if (date1904 && typeof cell.z === "string" && isDateFormat(cell.z)) n += DAYS_1904;
      return n;
    }
    case "s":
      return cell.v === undefined ? null : String(cell.v);
    case "b":
      return !!cell.v;
    case "e":
      return ERRORS[cell.v as number] ?? cell.w ?? "#N/A";
    case "d":
      return cell.v instanceof Date ? cell.v.getTime() / 864e5 + 25569 : String(cell.v);
    default:
      return null;
  }
}
