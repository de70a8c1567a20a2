import { CellValue, ValueType, Workbook } from 'exceljs';
import type { Test } from 'supertest';

/** The response body as bytes, whatever its type (supertest would otherwise parse or drop it). */
export function asBytes(request: Test): Test {
  return request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

export interface SheetCell {
  value: CellValue;
  type: ValueType;
  numFmt: string | undefined;
}

/** The first worksheet's rows as exceljs reads them back, every column up to the header's width. */
export async function xlsxRows(bytes: Buffer): Promise<SheetCell[][]> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const width = sheet.getRow(1).cellCount;
  const rows: SheetCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1)).map((c) => ({ value: c.value, type: c.type, numFmt: c.numFmt })));
  });
  return rows;
}

/** A cell as its CSV field would read: empty for no value. */
export function cellText(cell: SheetCell): string {
  return cell.value === null || cell.value === undefined ? '' : String(cell.value);
}
