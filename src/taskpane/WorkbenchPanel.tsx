import * as React from "react";
import {
  Badge,
  Button,
  Label,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
  useId,
} from "@fluentui/react-components";
import { showCell } from "./cell-format";
import type { PreviewCell, SheetPreview } from "./workbench";
import { DownloadIcon } from "./icons";
import { FILE_ACCEPT } from "../workbook/extensions";

/** What the shell needs from the workbench (kept apart so the file adapter loads only in the browser). */
export interface WorkbenchApi {
  /** The file the workbook was opened from, or null for the generated demo workbook. */
  source: string | null;
  sheetNames(): Promise<string[]>;
  preview(name: string): SheetPreview | null;
  download(): Promise<void>;
  /** Read one of the user's .xlsx/.csv files in the browser and start the taskpane over on it. */
  open(file: File): Promise<void>;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    minHeight: 0,
    padding: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
  },
  toolbar: {
    display: "flex",
    alignItems: "end",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
  },
  field: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS, minWidth: "220px" },
  spacer: { flexGrow: 1 },
  frame: {
    flexGrow: 1,
    minHeight: "320px",
    overflow: "auto",
    // The preview is a sheet as Excel shows it, white with dark text, whatever the pane's theme.
    backgroundColor: "#FFFFFF",
    color: "#242424",
    colorScheme: "light",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  table: {
    borderCollapse: "separate",
    borderSpacing: 0,
    fontFamily: "Calibri, Aptos, 'Segoe UI', sans-serif",
    fontSize: "13px",
    tableLayout: "fixed",
  },
  corner: {
    position: "sticky",
    top: 0,
    left: 0,
    zIndex: 3,
    backgroundColor: "#F3F2F1",
    width: "42px",
    borderRight: "1px solid #D4D4D4",
    borderBottom: "1px solid #D4D4D4",
  },
  colHead: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    backgroundColor: "#F3F2F1",
    color: "#605E5C",
    fontWeight: 400,
    textAlign: "center",
    height: "20px",
    borderRight: "1px solid #D4D4D4",
    borderBottom: "1px solid #D4D4D4",
  },
  rowHead: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    backgroundColor: "#F3F2F1",
    color: "#605E5C",
    fontWeight: 400,
    textAlign: "center",
    borderRight: "1px solid #D4D4D4",
    borderBottom: "1px solid #E1DFDD",
  },
  cell: {
    height: "20px",
    padding: "0 4px",
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    borderRight: "1px solid #E1DFDD",
    borderBottom: "1px solid #E1DFDD",
  },
  tableHeader: { backgroundColor: "#4472C4", color: "#FFFFFF", fontWeight: 700 },
  band: { backgroundColor: "#D9E1F2" },
  frozenEdge: { borderBottom: "2px solid #A6A6A6" },
  meta: { color: tokens.colorNeutralForeground3 },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
});

/** An empty cell that text from its left may run over (no value, formula or fill). */
function isBlank(cell: PreviewCell | undefined): boolean {
  return !!cell && (cell.value === null || cell.value === "") && !cell.formula && !cell.fill;
}

function colLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export interface WorkbenchPanelProps {
  api: WorkbenchApi;
  revision: number;
  /** The sheet to show (set by DeskContext.showSheet); null shows the first sheet. */
  sheet: string | null;
  onSheet(name: string): void;
}

/** The workbench's right-hand side: pick a sheet, see it, download the workbook, or open one of your own. */
export function WorkbenchPanel({ api, revision, sheet, onSheet }: WorkbenchPanelProps): React.JSX.Element {
  const styles = useStyles();
  const selectId = useId("sheet");
  const [names, setNames] = React.useState<string[]>([]);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    let live = true;
    void api.sheetNames().then((n) => {
      if (live) setNames(n);
    });
    return () => {
      live = false;
    };
  }, [api, revision]);

  const current = sheet && names.includes(sheet) ? sheet : (names[0] ?? null);
  // The preview is cheap (first 200 rows); recomputed when the sheet or the workbook changes.
  const preview = React.useMemo(() => (current ? api.preview(current) : null), [api, current, revision]); // eslint-disable-line react-hooks/exhaustive-deps

  const download = async () => {
    setBusy(true);
    try {
      await api.download();
    } finally {
      setBusy(false);
    }
  };

  const fileInput = React.useRef<HTMLInputElement>(null);
  const [opening, setOpening] = React.useState(false);
  const [openError, setOpenError] = React.useState<string | null>(null);
  const open = async (file: File | undefined) => {
    if (!file) return;
    setOpening(true);
    setOpenError(null);
    try {
      await api.open(file); // on success the whole taskpane starts over on the file
    } catch (e) {
      setOpenError(e instanceof Error ? e.message : String(e));
      setOpening(false);
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  return (
    <section className={styles.root} aria-label={api.source ? `Workbook ${api.source}` : "Demo workbook"}>
      <div className={styles.toolbar}>
        <div className={styles.field}>
          <Label htmlFor={selectId} weight="semibold">
            Sheet
          </Label>
          <Select id={selectId} value={current ?? ""} onChange={(_, d) => onSheet(d.value)} disabled={!names.length}>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </div>
        <span className={styles.spacer} />
        <Badge appearance="tint" color="informative">
          {names.length} sheets
        </Badge>
        <input
          ref={fileInput}
          type="file"
          accept={FILE_ACCEPT}
          hidden
          data-testid="workbench-file"
          onChange={(e) => void open(e.target.files?.[0])}
        />
        <Button
          icon={opening ? <Spinner size="tiny" /> : undefined}
          onClick={() => fileInput.current?.click()}
          disabled={opening}
          title="Try the desk on one of your own .xlsx or .csv files: it is read in this browser, nothing is uploaded"
        >
          Open a workbook…
        </Button>
        <Button
          appearance="primary"
          icon={busy ? <Spinner size="tiny" /> : <DownloadIcon />}
          onClick={download}
          disabled={busy}
        >
          Download workbook
        </Button>
      </div>
      {openError && (
        <MessageBar intent="error" data-testid="workbench-open-error">
          <MessageBarBody>{openError}</MessageBarBody>
        </MessageBar>
      )}
      {preview && (
        <Text className={styles.meta} size={200}>
          {preview.rowCount.toLocaleString("en-US")} rows × {preview.columnCount} columns
          {preview.rowCount > preview.rows.length ? ` · showing the first ${preview.rows.length}` : ""}
          {preview.charts.length
            ? ` · ${preview.charts.length === 1 ? "1 chart" : `${preview.charts.length} charts`} (${preview.charts.join(", ")}) in the downloaded workbook`
            : ""}
        </Text>
      )}
      <div
        className={styles.frame}
        tabIndex={0}
        role="region"
        aria-label={current ? `Preview of sheet ${current}` : "Sheet preview"}
      >
        {preview ? <Grid preview={preview} /> : <div className={styles.empty}>No sheet to show.</div>}
      </div>
    </section>
  );
}

function Grid({ preview }: { preview: SheetPreview }): React.JSX.Element {
  const styles = useStyles();
  const headerRows = new Set(preview.headerRows);
  // Banded rows under each table header, as TableStyleMedium2 shows them.
  const firstHeader = preview.headerRows.length ? Math.min(...preview.headerRows) : 0;
  // Column widths as the sheet sets them (Excel character units to pixels); the table's own width is their sum,
  // so the fixed layout holds and long text is clipped as in Excel instead of widening its column.
  const widths = preview.columnWidths.map((w) => Math.round(Math.max(3, Math.min(60, w)) * 7 + 10));
  return (
    <table
      className={styles.table}
      style={{ width: 42 + widths.reduce((a, b) => a + b, 0) }}
      aria-label={`Sheet ${preview.name}`}
      data-sheet={preview.name}
    >
      <colgroup>
        <col style={{ width: 42 }} />
        {widths.map((w, i) => (
          <col key={i} style={{ width: w }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <td className={styles.corner} />
          {preview.columnWidths.map((_, i) => (
            <th key={i} className={styles.colHead} scope="col">
              {colLetter(i + 1)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {preview.rows.map((row, r) => {
          const rowNo = r + 1;
          const isHeader = headerRows.has(rowNo);
          const banded = firstHeader > 0 && rowNo > firstHeader && !isHeader && (rowNo - firstHeader) % 2 === 1;
          const frozen = preview.frozenRows === rowNo;
          const covered = new Set<number>();
          return (
            <tr key={r}>
              <th scope="row" className={`${styles.rowHead} ${frozen ? styles.frozenEdge : ""}`}>
                {rowNo}
              </th>
              {row.map((cell, c) => {
                // Like Excel, left-aligned text runs on over the empty cells to its right.
                if (covered.has(c)) return null;
                const shown = showCell(cell.value, cell.numFmt);
                const align = cell.align ?? shown.align;
                let span = 1;
                if (shown.text && align !== "right" && align !== "center" && !isHeader)
                  while (c + span < row.length && isBlank(row[c + span])) covered.add(c + span++);
                const style: React.CSSProperties = {
                  textAlign: align,
                  fontWeight: cell.bold ? 700 : undefined,
                  fontStyle: cell.italic ? "italic" : undefined,
                  color: shown.color ?? cell.fontColor,
                  backgroundColor: cell.fill,
                };
                const cls = [
                  styles.cell,
                  isHeader ? styles.tableHeader : banded && !cell.fill ? styles.band : "",
                  frozen ? styles.frozenEdge : "",
                ].join(" ");
                return (
                  <td
                    key={c}
                    colSpan={span > 1 ? span : undefined}
                    className={cls}
                    style={style}
                    title={cell.formula ? `=${cell.formula}` : undefined}
                  >
                    {shown.text}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
