/**
 * Packages by hand, for the shapes a test needs exactly (a far cell, a namespace prefix, cells without
 * addresses), and a look inside saved packages: their parts, by name, as bytes or text.
 */
import { strToU8, unzipSync, zipSync } from "fflate";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface HandSheet {
  name: string;
  /** The <sheetData> content (rows and cells), or a whole worksheet part when it starts with "<?xml". */
  xml: string;
  state?: "hidden" | "veryHidden";
}

/** A minimal .xlsx package with these sheets, shared strings and workbookPr attributes. */
export function handBook(
  sheets: HandSheet[],
  o: { sharedStrings?: string[]; workbookPr?: string; styles?: string; extra?: Record<string, string> } = {},
): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join("");
  files["[Content_Types].xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
  );
  files["_rels/.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const sheetTags = sheets
    .map(
      (s, i) =>
        `<sheet name="${s.name.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`,
    )
    .join("");
  files["xl/workbook.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${R}"><workbookPr ${o.workbookPr ?? ""}/><sheets>${sheetTags}</sheets></workbook>`,
  );
  let rels = sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join("");
  if (o.sharedStrings) {
    rels += `<Relationship Id="rIdS" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`;
    files["xl/sharedStrings.xml"] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN}" count="${o.sharedStrings.length}" uniqueCount="${o.sharedStrings.length}">${o.sharedStrings.map((s) => (s.startsWith("<") ? `<si>${s}</si>` : `<si><t>${s}</t></si>`)).join("")}</sst>`,
    );
  }
  if (o.styles) {
    rels += `<Relationship Id="rIdY" Type="${R}/styles" Target="styles.xml"/>`;
    files["xl/styles.xml"] = strToU8(o.styles);
  }
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
  );
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      s.xml.startsWith("<?xml")
        ? s.xml
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}" xmlns:r="${R}"><sheetData>${s.xml}</sheetData></worksheet>`,
    );
  });
  for (const [k, v] of Object.entries(o.extra ?? {})) files[k] = strToU8(v);
  return zipSync(files);
}

/** Styles with cellXfs: index 0 General, 1 a built-in date (14), 2 a custom date format, 3 a custom number. */
export const DATE_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="#,##0.00;[Red]\\-#,##0.00"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** The parts of a package by name. */
export function partsOf(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

/** One part as text. */
export function partText(bytes: Uint8Array, name: string): string {
  const p = partsOf(bytes)[name];
  if (!p) throw new Error(`no part ${name}; parts: ${Object.keys(partsOf(bytes)).join(", ")}`);
  return new TextDecoder().decode(p);
}

/** A package with some parts replaced or added (text), every other part as it was. */
export function patchParts(bytes: Uint8Array, parts: Record<string, string>): Uint8Array {
  const files = partsOf(bytes);
  for (const [k, v] of Object.entries(parts)) files[k] = strToU8(v);
  return zipSync(files);
}
