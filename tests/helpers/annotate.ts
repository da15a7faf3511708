/**
 * A user's annotations on a sheet of a saved package, as Excel writes them: notes (the sheet's comments part and
 * its VML drawing, made from the parts Excel saved in ../shared/corpus/workbooks/xw_comment01.xlsx), threaded
 * comments (Excel 365's threadedComments part with its persons part, and the legacy copies Excel keeps of them
 * in the comments part, authored "tc={id}"), and defined names in workbook.xml (workbook-level or scoped to a
 * sheet). Everything else of the package is left as it was.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readFileSync } from "fs";
import * as path from "path";
import { parseCell } from "../../src/workbook/a1";
import { parseRels, relsPathOf, resolvePart } from "../../src/workbook/xml";

const CORPUS_COMMENT = path.resolve(__dirname, "../../../shared/corpus/workbooks/xw_comment01.xlsx");
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_COMMENTS = `${R}/comments`;
const REL_VML = `${R}/vmlDrawing`;
const REL_THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment";
const REL_PERSON = "http://schemas.microsoft.com/office/2017/10/relationships/person";

export interface Annotations {
  /** Notes (Review > New Note). */
  notes?: { cell: string; text: string; author?: string }[];
  /** Threaded comments (Review > New Comment), each with this many replies. */
  threaded?: { cell: string; text: string; replies?: number }[];
  /** Defined names: workbook-level, or scoped to the sheet named `scope`. */
  names?: { name: string; reference: string; scope?: string }[];
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The package with these annotations on `sheet`. */
export function annotate(bytes: Uint8Array, sheet: string, a: Annotations): Uint8Array {
  const files = unzipSync(bytes);
  const text = (p: string) => (files[p] ? strFromU8(files[p]) : null);
  const put = (p: string, s: string) => (files[p] = strToU8(s));
  const wbRels = parseRels(text("xl/_rels/workbook.xml.rels"));
  let workbook = text("xl/workbook.xml")!;
  const sheetTags = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]);
  const index = (name: string) => sheetTags.findIndex((t) => t.includes(` name="${esc(name)}"`));
  const at = index(sheet);
  if (at < 0) throw new Error(`annotate: no sheet ${sheet}`);
  const rid = /r:id="([^"]+)"/.exec(sheetTags[at])![1];
  const part = resolvePart("xl/workbook.xml", wbRels.find((r) => r.id === rid)!.target);
  let types = text("[Content_Types].xml")!;
  const addType = (p: string, ct: string) => {
    types = types.replace("</Types>", `<Override PartName="/${p}" ContentType="${ct}"/></Types>`);
  };
  let sheetRels =
    text(relsPathOf(part)) ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  let k = 100;
  const addRel = (type: string, target: string) => {
    const id = `rId${k++}`;
    sheetRels = sheetRels.replace(
      "</Relationships>",
      `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`,
    );
    return id;
  };
  const unique = (stem: string, ext: string) => {
    for (let n = 1; ; n++) if (!files[`${stem}${n}.${ext}`]) return `${stem}${n}.${ext}`;
  };

  // Legacy comments: the user's notes, then the copies of threaded comments Excel keeps for older readers.
  const legacy: { cell: string; text: string; author: string }[] = (a.notes ?? []).map((n) => ({
    cell: n.cell,
    text: n.text,
    author: n.author ?? "John",
  }));
  if (a.threaded?.length) {
    const thread = unique("xl/threadedComments/threadedComment", "xml");
    const personId = "{6D2F9C30-1A55-4E3B-9C4B-0F6A2E8B7C11}";
    const items: string[] = [];
    a.threaded.forEach((c, i) => {
      const id = `{0000000${i}-0000-4000-8000-000000000000}`;
      items.push(
        `<threadedComment ref="${c.cell}" dT="2025-10-30T10:00:00.00" personId="${personId}" id="${id}"><text>${esc(c.text)}</text></threadedComment>`,
      );
      for (let r = 0; r < (c.replies ?? 0); r++)
        items.push(
          `<threadedComment ref="${c.cell}" dT="2025-10-30T11:00:00.00" personId="${personId}" id="{1000000${r}-000${i}-4000-8000-000000000000}" parentId="${id}"><text>Reply ${r + 1}</text></threadedComment>`,
        );
      legacy.push({
        cell: c.cell,
        author: `tc=${id}`,
        text: `[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    ${c.text}`,
      });
    });
    put(
      thread,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items.join("")}</ThreadedComments>`,
    );
    addType(thread, "application/vnd.ms-excel.threadedcomments+xml");
    addRel(REL_THREADED, `../threadedComments/${path.basename(thread)}`);
    if (!files["xl/persons/person.xml"]) {
      put(
        "xl/persons/person.xml",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><person displayName="Priya" id="${personId}" userId="priya@example.com" providerId="AD"/></personList>`,
      );
      addType("xl/persons/person.xml", "application/vnd.ms-excel.person+xml");
      put(
        "xl/_rels/workbook.xml.rels",
        text("xl/_rels/workbook.xml.rels")!.replace(
          "</Relationships>",
          `<Relationship Id="rIdPersons" Type="${REL_PERSON}" Target="persons/person.xml"/></Relationships>`,
        ),
      );
    }
  }
  if (legacy.length) {
    const corpus = unzipSync(readFileSync(CORPUS_COMMENT));
    const excelComments = strFromU8(corpus["xl/comments1.xml"]);
    const excelVml = strFromU8(corpus["xl/drawings/vmlDrawing1.vml"]);
    const run = /<text>[\s\S]*<\/text>/.exec(excelComments)![0];
    const authors = [...new Set(legacy.map((c) => c.author))];
    const comments = excelComments
      .replace(
        /<authors>[\s\S]*<\/authors>/,
        `<authors>${authors.map((x) => `<author>${esc(x)}</author>`).join("")}</authors>`,
      )
      .replace(
        /<commentList>[\s\S]*<\/commentList>/,
        `<commentList>${legacy
          .map(
            (c) =>
              `<comment ref="${c.cell}" authorId="${authors.indexOf(c.author)}">${run.replace(/<t>[^<]*<\/t>/, `<t xml:space="preserve">${esc(c.text)}</t>`)}</comment>`,
          )
          .join("")}</commentList>`,
      );
    const shape = /<v:shape [\s\S]*?<\/v:shape>/.exec(excelVml)![0];
    const vml = excelVml.replace(
      shape,
      legacy
        .map((c, i) => {
          const p = parseCell(c.cell);
          return shape
            .replace('id="_x0000_s1025"', `id="_x0000_s${1025 + i}"`)
            .replace(/<x:Row>\d+<\/x:Row>/, `<x:Row>${p.row - 1}</x:Row>`)
            .replace(/<x:Column>\d+<\/x:Column>/, `<x:Column>${p.col - 1}</x:Column>`);
        })
        .join(""),
    );
    const commentsPart = unique("xl/comments", "xml");
    const vmlPart = unique("xl/drawings/vmlDrawing", "vml");
    put(commentsPart, comments);
    put(vmlPart, vml);
    addType(commentsPart, "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml");
    if (!/Extension="vml"/.test(types))
      types = types.replace(
        "</Types>",
        `<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/></Types>`,
      );
    addRel(REL_COMMENTS, `../${path.basename(commentsPart)}`);
    const vmlId = addRel(REL_VML, `../drawings/${path.basename(vmlPart)}`);
    // CT_Worksheet: legacyDrawing after drawing, before tableParts and extLst.
    let ws = text(part)!;
    const before = /<(tableParts|extLst)\b/.exec(ws);
    const el = `<legacyDrawing r:id="${vmlId}"/>`;
    ws = before
      ? ws.slice(0, before.index) + el + ws.slice(before.index)
      : ws.replace("</worksheet>", `${el}</worksheet>`);
    put(part, ws);
  }
  if (a.threaded?.length || legacy.length) {
    put(relsPathOf(part), sheetRels);
    put("[Content_Types].xml", types);
  }

  for (const n of a.names ?? []) {
    const scope = n.scope === undefined ? "" : ` localSheetId="${index(n.scope)}"`;
    const el = `<definedName name="${esc(n.name)}"${scope}>${esc(n.reference)}</definedName>`;
    workbook = workbook.includes("</definedNames>")
      ? workbook.replace("</definedNames>", `${el}</definedNames>`)
      : workbook.replace("</sheets>", `</sheets><definedNames>${el}</definedNames>`);
  }
  if (a.names?.length) put("xl/workbook.xml", workbook);
  return zipSync(files);
}
