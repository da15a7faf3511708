/**
 * The file types a SOURCE or a statement file may be, by name: one list for the CLI, the readers and the
 * taskpane's file pickers. Delimited text is .csv, or .tsv and .txt as Excel saves "Text (Tab delimited)"
 * and "Unicode Text" (UTF-16, tabs); its separator and encoding are found from the content (./csv.ts).
 */
export const TEXT_EXTENSIONS = [".csv", ".tsv", ".txt"] as const;
export const WORKBOOK_EXTENSIONS = [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"] as const;

const alternatives = (exts: readonly string[]) => exts.map((e) => e.slice(1)).join("|");
const ALL = alternatives([...WORKBOOK_EXTENSIONS, ...TEXT_EXTENSIONS]);

/** A name ending in a delimited-text extension: "bank.csv", "HDFC.TXT". */
export const TEXT_FILE = new RegExp(`\\.(?:${alternatives(TEXT_EXTENSIONS)})$`, "i");

/** A name ending in any extension a SOURCE may have: "bank.xls". */
export const KNOWN_FILE = new RegExp(`\\.(?:${ALL})$`, "i");

/** The SOURCE syntax's split: the file up to a known extension, then "#SheetOrTableName". */
export const SOURCE_PART = new RegExp(`^(.*?\\.(?:${ALL}))#(.*)$`, "i");

/** What a file picker accepts: ".xlsx,.xlsm,.xls,.xlsb,.ods,.csv,.tsv,.txt". */
export const FILE_ACCEPT = [...WORKBOOK_EXTENSIONS, ...TEXT_EXTENSIONS].join(",");
