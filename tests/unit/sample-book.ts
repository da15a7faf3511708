import { generateSample, sampleSheets } from "../../src/core/sample";
import { FileWorkbook } from "../../src/workbook/file";

/** The bundled sample workbook (default seed) in the file adapter, as the jobs see a user's workbook. */
export async function sampleBook(): Promise<FileWorkbook> {
  const wb = new FileWorkbook();
  for (const spec of sampleSheets(generateSample())) await wb.write(spec);
  return wb;
}
