/**
 * SheetSpec: the declarative sheet a report (or any add-in output) returns.
 * Report builders in src/core produce it as plain data; each Workbook adapter
 * (office.ts inside Excel, file.ts on ExcelJS) knows how to write one, so a
 * report is tested once, as data, and written identically everywhere.
 *
 * It lives in core (types and two tiny helpers, no I/O) because report builders in core return it;
 * src/workbook/port.ts re-exports it as part of the port, so arrows still point inwards.
 *
 * Conventions
 * - Addresses are A1 references on the same sheet ("A1", "B6:B120").
 * - Dates are Excel serial numbers with a date number format (see NUMFMT).
 * - A formula is written without the leading "=" and in English (en-US) syntax,
 *   comma-separated arguments, as Range.formulas takes it and as OOXML stores it.
 */

/** A plain cell value as Excel holds it: dates are serial numbers, blanks are null. */
export type CellValue = string | number | boolean | null;

/** A formula cell. `v` is the value it computes to, cached for readers that do not recalculate. */
export interface FormulaCell {
  f: string;
  v?: CellValue;
}

/** One cell of a SheetSpec: a value, or a formula. */
export type SpecCell = CellValue | FormulaCell;

export function isFormulaCell(c: SpecCell | undefined): c is FormulaCell {
  return typeof c === "object" && c !== null && typeof (c as FormulaCell).f === "string";
}

/**
 * Money in rupees with the Indian lakh/crore grouping (₹2,98,10,847.51), shown the same in Excel and LibreOffice
 * whatever the machine's locale. `#,##,##0` cannot do it: both programs group by the locale (Excel by the
 * system's digit grouping, LibreOffice by 3s even with an en-IN [$₹-4009] tag), so the grouping commas are
 * literal (`\,`) in conditional sections chosen by size. The thresholds are the rounding points
 * (9,99,99,999.995 shows as ₹1,00,00,000.00, so it takes the crore section).
 *
 * A format may hold only two conditions, and the two programs disagree on the sign in a conditional section
 * (LibreOffice adds "-" only in the first section; Excel adds it in any section whose condition can match a
 * number >= 0), so no one code is right for both signs:
 * - `inr`: every value >= 0 (crore, lakh, the rest). A negative value would lose its "-" in LibreOffice.
 * - `inrNegative`: every value < 0, in red. Its first section is chosen so both programs add the "-" there,
 *   the other two are reached only by negatives and carry a literal "-" that neither program doubles.
 * Report builders pick one per cell from the value it holds (see moneyFormatFor); amounts of 100 crore and
 * more keep their top digits ungrouped (₹1234,56,78,901.00).
 */
const INR = '"₹"';
const lakhCrore = (d: string) => ({
  crore: `##\\,##\\,##\\,##0${d}`,
  lakh: `##\\,##\\,##0${d}`,
  small: `#,##0${d}`,
});
function inrFormats(decimals: 0 | 2): { positive: string; negative: string } {
  const d = decimals ? ".00" : "";
  const edge = decimals ? ".995" : ".5";
  const g = lakhCrore(d);
  return {
    positive: `[>=9999999${edge}]${INR}${g.crore};[>=99999${edge}]${INR}${g.lakh};${INR}${g.small}`,
    negative: `[Red][>-99999${edge}]${INR}${g.small};[Red][<=-9999999${edge}]"-₹"${g.crore};[Red]"-₹"${g.lakh}`,
  };
}
const INR2 = inrFormats(2);
const INR0 = inrFormats(0);

/** Number formats used across reports (Excel format codes). */
export const NUMFMT = {
  money: "#,##0.00;[Red]-#,##0.00",
  /** Rupees and paise, for values >= 0 (see above). */
  inr: INR2.positive,
  /** Rupees and paise, for values < 0 (see above). */
  inrNegative: INR2.negative,
  /** Whole rupees (a payroll register), for values >= 0. */
  inrWhole: INR0.positive,
  /** Whole rupees, for values < 0. */
  inrWholeNegative: INR0.negative,
  /** US dollars and cents: the locale's grouping is the US one, so one code serves both signs. */
  usd: '"$"#,##0.00;[Red]-"$"#,##0.00',
  integer: "#,##0",
  percent: "0.0%",
  date: "yyyy-mm-dd",
  dateTime: "yyyy-mm-dd hh:mm",
  hours: "0.00",
  text: "@",
} as const;

/** Currencies a report can show money in. */
export type Currency = "INR" | "USD";

/**
 * The money format for a cell holding `value`: the sign decides for rupees (see NUMFMT.inr), dollars use one
 * code. moneyFormatFor(-5, "INR") === NUMFMT.inrNegative; moneyFormatFor(0, "INR", 0) === NUMFMT.inrWhole.
 */
export function moneyFormatFor(value: CellValue | undefined, currency: Currency = "INR", decimals: 0 | 2 = 2): string {
  if (currency === "USD") return decimals ? NUMFMT.usd : '"$"#,##0;[Red]-"$"#,##0';
  const negative = typeof value === "number" && value < 0;
  if (decimals === 0) return negative ? NUMFMT.inrWholeNegative : NUMFMT.inrWhole;
  return negative ? NUMFMT.inrNegative : NUMFMT.inr;
}

/** Whether a format code is one of the money formats moneyFormatFor gives (its sign twin is then chosen per cell). */
export function isMoneyFormat(fmt: string | undefined): boolean {
  return fmt !== undefined && MONEY_FORMATS.has(fmt);
}
const MONEY_FORMATS: ReadonlySet<string> = new Set([
  NUMFMT.inr,
  NUMFMT.inrNegative,
  NUMFMT.inrWhole,
  NUMFMT.inrWholeNegative,
]);

/** Visual style applied to a range. Colours are "#RRGGBB". */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  numFmt?: string;
  horizontalAlignment?: "left" | "center" | "right";
  wrap?: boolean;
  border?: "thin-bottom" | "thin-top" | "thin-all" | "double-bottom";
  /**
   * Single underline, as a link looks (with fontColor). Excel API `RangeFont.underline = "Single"`;
   * OOXML `<font><u/></font>` in the cell's xf.
   */
  underline?: boolean;
}

export interface RangeStyle {
  range: string;
  style: CellStyle;
}

export interface ColumnSpec {
  /** Width in Excel character units (ExcelJS `column.width`; the office adapter converts to points). */
  width?: number;
  numFmt?: string;
  hidden?: boolean;
}

/** An Excel table (ListObject) over a range whose first row is the header row. */
export interface TableSpec {
  name: string;
  range: string;
  style?: string; // e.g. "TableStyleMedium2"
  showTotalRow?: false;
}

/**
 * Conditional format. `expression` uses a formula relative to the top-left cell of `range`
 * (as Excel's "Use a formula to determine which cells to format").
 */
export type ConditionalFormatSpec =
  | {
      range: string;
      type: "expression";
      formula: string;
      style: Pick<CellStyle, "fill" | "fontColor" | "bold">;
    }
  | {
      range: string;
      type: "cellValue";
      operator:
        "greaterThan" | "lessThan" | "between" | "equal" | "notEqual" | "greaterThanOrEqual" | "lessThanOrEqual";
      formulas: [string] | [string, string];
      style: Pick<CellStyle, "fill" | "fontColor" | "bold">;
    };

export type ChartType = "bar" | "column" | "line" | "pie" | "stackedColumn";

/** One series of a chart. */
export interface ChartSeriesSpec {
  name: string;
  /** Values, a range of the same sheet ("B6:B10"), as long as the categories. */
  values: string;
  /**
   * Draw this series as a line on a column/bar chart (a combo chart: e.g. a target drawn across the columns);
   * absent: the chart's own type. Only "line" is combined, only on "column" and "stackedColumn" charts
   * (Excel does not combine a horizontal bar with a line on the same axes).
   * Excel API: `ChartSeries.chartType = "Line"` (ExcelApi 1.7) after the series is added.
   * OOXML: the series goes in a `<c:lineChart>` (with `<c:marker val="1"/>`) beside the `<c:barChart>` in the same
   * `<c:plotArea>`, both carrying the same two `<c:axId>`s, so they share the category and value axes.
   */
  type?: "line";
  /**
   * Series colour "#RRGGBB" (absent: the theme's). Excel API `series.format.fill.setSolidColor` (columns, ExcelApi 1.1)
   * or `series.format.line.color` (a line series); OOXML `<c:spPr><a:solidFill><a:srgbClr val="RRGGBB"/>` (columns)
   * or `<c:spPr><a:ln><a:solidFill>...` (lines).
   */
  color?: string;
}

/** The value (number) axis of a chart. */
export interface ChartValueAxisSpec {
  /**
   * Number format of the tick labels, an Excel format code (e.g. NUMFMT.inrWhole, "0%"); absent: General.
   * Excel API `chart.axes.valueAxis.numberFormat` (ExcelApi 1.8). OOXML `<c:valAx><c:numFmt formatCode="..."
   * sourceLinked="0"/>`. For a pie chart (no axes) it is ignored.
   */
  numFmt?: string;
  /**
   * Fixed ends of the axis (absent: automatic). Excel API `valueAxis.minimum` / `maximum` (ExcelApi 1.1).
   * OOXML `<c:valAx><c:scaling><c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/></c:scaling>`
   * (in that order: orientation, max, min).
   */
  min?: number;
  max?: number;
  /**
   * Step between gridlines/ticks (absent: automatic), e.g. 1 for counts, 0.2 for a 0-100% axis.
   * Excel API `valueAxis.majorUnit` (ExcelApi 1.1). OOXML `<c:valAx><c:majorUnit val="0.2"/>` (after c:crossBetween).
   */
  majorUnit?: number;
}

/** The category axis of a chart. */
export interface ChartCategoryAxisSpec {
  /**
   * List the categories in the order of their rows from the top, on a bar chart (Excel draws a bar chart's first
   * category at the bottom). Excel API `chart.axes.categoryAxis.reversePlotOrder = true` (ExcelApi 1.7) and
   * `categoryAxis.position = "Maximum"` (ExcelApi 1.8) so the value axis stays at the bottom. OOXML
   * `<c:catAx><c:scaling><c:orientation val="maxMin"/></c:scaling>...` and `<c:valAx>...<c:crosses val="max"/>`.
   */
  reverse?: boolean;
}

/** Where a chart's legend sits. */
export type ChartLegendPosition = "bottom" | "right" | "top" | "left" | "none";

/** A live chart bound to ranges of the same sheet: it redraws when the numbers change. */
export interface ChartSpec {
  type: ChartType;
  title: string;
  /** Category labels, e.g. "A6:A10". */
  categories: string;
  series: ChartSeriesSpec[];
  /** Where the chart sits: top-left and bottom-right cells. */
  anchor: { from: string; to: string };
  /** The value axis (absent: automatic, General labels). */
  valueAxis?: ChartValueAxisSpec;
  categoryAxis?: ChartCategoryAxisSpec;
  /**
   * The legend (absent: the adapter's default, on the right). Excel API `chart.legend.visible` and
   * `chart.legend.position` ("Bottom", "Right", "Top", "Left"; ExcelApi 1.1). OOXML `<c:legend><c:legendPos
   * val="b|r|t|l"/><c:overlay val="0"/></c:legend>`, no `<c:legend>` at all for "none".
   */
  legend?: ChartLegendPosition;
}

/**
 * Text of a page header or footer in three parts, in Excel's header/footer codes: `&A` the sheet's name,
 * `&P` the page number, `&N` the number of pages, `&D` the print date; a literal "&" is written "&&"
 * (headerFooterText does it). Excel API `worksheet.pageLayout.headersFooters.defaultForAllPages.leftHeader`,
 * `centerHeader`, `rightHeader` / `leftFooter`, ... (ExcelApi 1.9). OOXML `<headerFooter><oddHeader>&L...&C...&R...
 * </oddHeader><oddFooter>...</oddFooter></headerFooter>` (the parts joined with the &L, &C, &R section codes).
 */
export interface HeaderFooterSpec {
  left?: string;
  center?: string;
  right?: string;
}

/** Literal text for a header or footer: "&" doubled so Excel does not read it as a code. */
export function headerFooterText(s: string): string {
  return s.replace(/&/g, "&&");
}

/**
 * How a sheet prints (File > Print in Excel and LibreOffice).
 *
 * OOXML, in CT_Worksheet order: `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` (the flag without which the
 * fitTo* attributes are ignored), `<printOptions horizontalCentered="1"/>`, `<pageMargins .../>`,
 * `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`, `<headerFooter>`,
 * `<rowBreaks>`; the print titles are the workbook's defined name `_xlnm.Print_Titles` with
 * `localSheetId` = the sheet's index: `<definedName name="_xlnm.Print_Titles" localSheetId="3">'Aging'!$40:$40
 * </definedName>`.
 * Excel API (ExcelApi 1.9, `worksheet.pageLayout`): `orientation = "Landscape" | "Portrait"`, `paperSize = "A4"`,
 * `zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 }`, `centerHorizontally`, `setPrintTitleRows("$40:$40")`,
 * `headersFooters.defaultForAllPages.*`, and `worksheet.horizontalPageBreaks.add("A40")`.
 */
export interface PrintSpec {
  orientation: "portrait" | "landscape";
  /** Paper: "A4" is OOXML paperSize 9 (Excel API PaperType "A4"). */
  paper: "A4";
  /**
   * Fit to this many pages wide and tall; 0 tall means as many pages as the rows need (one page wide, any
   * length). OOXML `fitToWidth`/`fitToHeight` with `pageSetUpPr fitToPage="1"`; Excel API `zoom`.
   */
  fit: { wide: number; tall: number };
  /** Rows printed at the top of every page after they first appear (the detail table's header), 1-based, inclusive. */
  titleRows?: { first: number; last: number };
  /** A new page starts at each of these rows (1-based), e.g. the detail table after the summary: OOXML
   * `<rowBreaks count="1" manualBreakCount="1"><brk id="{row - 1}" max="16383" man="1"/></rowBreaks>`
   * (the id is the last row above the break, 1-based; a break sits below it), Excel API
   * `horizontalPageBreaks.add("A{row}")`. */
  pageBreaksBefore?: number[];
  header?: HeaderFooterSpec;
  footer?: HeaderFooterSpec;
  /** Centre the printed area between the side margins. */
  centerHorizontally?: boolean;
}

/**
 * A link from a cell to a place in the same workbook. The cell keeps its value or formula: the adapter must not
 * write display text over it. Excel API: `range.hyperlink = { documentReference: location, screenTip: tooltip }`
 * (ExcelApi 1.7; no textToDisplay, which would replace the cell's contents). OOXML: `<hyperlinks><hyperlink
 * ref="A15" location="'Aging'!A40:I52" tooltip="..." display="{the cell's shown text}"/></hyperlinks>` after
 * `<conditionalFormatting>` and before `<printOptions>`; an internal link has no r:id.
 */
export interface HyperlinkSpec {
  /** The cell that carries the link, on this sheet ("A15"). */
  cell: string;
  /**
   * Where it goes, without a leading "#": a sheet-qualified range ("'Aging'!A40:I52") or a sheet-scoped defined
   * name qualified by its sheet ("'Aging'!Bucket_90plus").
   */
  location: string;
  /** Shown when the pointer rests on the link. */
  tooltip?: string;
}

/**
 * A sheet-scoped defined name (Formulas > Name Manager, the Name Box, Go To), e.g. the rows of one aging bucket.
 * OOXML: `<definedName name="Bucket_90plus" localSheetId="{sheet index}">'Aging'!$A$40:$I$41,'Aging'!$A$45:$I$45
 * </definedName>` in workbook.xml (absolute references, areas joined by ","); Excel API:
 * `worksheet.names.add(name, "='Aging'!$A$40:$I$41,'Aging'!$A$45:$I$45", comment)` (ExcelApi 1.4).
 * A name the sheet had before is replaced with the sheet (the add-in owns names on its own sheets).
 */
export interface DefinedNameSpec {
  /** A valid Excel name that is not a cell reference: letters, digits, "_" and ".", starting with a letter or "_". */
  name: string;
  /** Areas on this sheet, A1 without the sheet, joined by ",": "A40:I41,A45:I45". The adapter qualifies and anchors them. */
  refersTo: string;
  comment?: string;
}

export interface SheetSpec {
  /** Sheet name (at most 31 characters, none of : \ / ? * [ ]). */
  name: string;
  /**
   * The add-in's ownership marker for this sheet, e.g. "report:aging", "recon:summary",
   * "entry-log". An adapter only ever replaces a sheet that carries the same marker;
   * a user's sheet with the same name is never overwritten.
   */
  role: string;
  /** Cells from A1, row by row. Rows may be ragged; missing cells are blank. */
  rows: SpecCell[][];
  columns?: ColumnSpec[];
  styles?: RangeStyle[];
  /** Merged ranges, e.g. "A1:F1" for a title. */
  merges?: string[];
  freeze?: { rows: number; columns: number };
  tables?: TableSpec[];
  conditionalFormats?: ConditionalFormatSpec[];
  charts?: ChartSpec[];
  /** Protect the sheet against accidental edits (no password: it is a guard, not security). */
  protect?: boolean;
  /** Hide the sheet: state the add-in keeps for itself (never activated). A user can still unhide it. */
  hidden?: boolean;
  /** Tab colour "#RRGGBB". */
  tabColor?: string;
  /** Page setup for printing (absent: the program's defaults). */
  print?: PrintSpec;
  /** Links from cells to places in the workbook (e.g. a summary figure to its detail rows). */
  hyperlinks?: HyperlinkSpec[];
  /** Sheet-scoped defined names over ranges of this sheet. */
  names?: DefinedNameSpec[];
}
