/**
 * A statement file as one side of a reconciliation: a .csv/.xlsx the user picks with an <input type=file>,
 * read in this browser (inside Excel as in the workbench) with the project's loader, never uploaded and
 * never written. The workbook open in Excel stays the one results are written to.
 *
 * The loader (the package reader, and SheetJS for .xls/.xlsb/.ods) is fetched only when a file is picked: Excel users who never add a
 * statement file never download it.
 */
import { recogniseStatement } from "../../../core/recon";
import type { TableInfo, Workbook } from "../../../workbook/port";

export interface StatementFile {
  /** The file's name as picked ("hdfc_oct.csv"). */
  name: string;
  /** Read-only: only its read and tables are ever called. */
  wb: Pick<Workbook, "read" | "tables">;
  tables: TableInfo[];
  /** The table to use first: the one the statement detector is surest is a statement, else the first. */
  best: TableInfo;
}

/**
 * Option value of a file's table in a side's picker: "file:<file>:<table>", each part URI-encoded (a file or
 * sheet name may hold "#", never an encoded ":"), so it can never be taken for a workbook table's name.
 */
export function fileKey(file: string, table: string): string {
  return `file:${encodeURIComponent(file)}:${encodeURIComponent(table)}`;
}

export function parseFileKey(key: string): { file: string; table: string } | null {
  const m = /^file:([^:]*):([^:]*)$/.exec(key);
  return m ? { file: decodeURIComponent(m[1]), table: decodeURIComponent(m[2]) } : null;
}

export async function readStatementFile(name: string, bytes: Uint8Array): Promise<StatementFile> {
  const { workbookFromBytes } = await import(/* webpackChunkName: "statement-file" */ "../../../workbook/file");
  const wb = await workbookFromBytes(name, bytes);
  const tables = (await wb.tables()).filter((t) => t.headers.some((h) => h.trim() !== ""));
  if (!tables.length)
    throw new Error(`${name} has no table with a header row to reconcile; check it is the statement export.`);
  let best = tables[0];
  let bestScore = -1;
  for (const t of tables) {
    const r = recogniseStatement(t.headers, t.name);
    const score = r ? r.score + (r.kind === "bank" ? 1 : 0) : -1;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return { name, wb, tables, best };
}
