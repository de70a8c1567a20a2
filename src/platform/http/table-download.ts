import { stream as excelStream } from 'exceljs';
import type { Response } from 'express';
import { z } from 'zod';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type TableFormat = 'csv' | 'xlsx';

/** A table to download: its first row names the columns; rows may arrive a batch at a time. */
export interface Table {
  /** File name without extension. */
  name: string;
  header: string[];
  rows: Iterable<unknown[]> | AsyncIterable<unknown[]>;
}

/**
 * `?download=1` asks for a file a person will open (a BOM on CSV, so Excel reads UTF-8);
 * without it programs get the bytes they always got.
 */
export const downloadQuerySchema = z.object({
  download: z
    .enum(['1', '0', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

/**
 * RFC 4180 quoting; a value a spreadsheet would read as a formula
 * (=, +, -, @ first) is prefixed with an apostrophe.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * Streams the table as CSV or as an xlsx workbook, with backpressure. `forPeople`
 * starts the CSV with a UTF-8 BOM: without it Excel on Windows reads the bytes
 * as the local code page (`FranÃ§oise`). No `sep=` line: Excel then ignores the BOM.
 */
export async function sendTable(res: Response, format: TableFormat, table: Table, options: { forPeople: boolean }): Promise<void> {
  res.setHeader('Content-Disposition', `attachment; filename="${table.name}.${format}"`);
  if (format === 'xlsx') return sendXlsx(res, table);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  const head = `${options.forPeople ? '\uFEFF' : ''}${csvLine(table.header)}`;
  // A table already in memory goes out whole, with its length and ETag.
  if (Array.isArray(table.rows)) {
    res.send(head + table.rows.map(csvLine).join(''));
    return;
  }
  await write(res, head);
  for await (const row of table.rows) await write(res, csvLine(row));
  res.end();
}

/**
 * Every value is a string (counts stay numbers) in a column formatted as
 * text (`@`), so nothing in it is ever read or re-entered as a formula; no
 * apostrophe is needed, unlike CSV. Shared strings are off so rows leave as
 * they are written instead of waiting for the end.
 */
async function sendXlsx(res: Response, table: Table): Promise<void> {
  res.setHeader('Content-Type', XLSX_TYPE);
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.name.slice(0, 31));
  sheet.columns = table.header.map(() => ({ style: { numFmt: '@' } }));
  sheet.addRow(table.header).commit();
  for await (const row of table.rows) {
    sheet.addRow(row.map(xlsxValue)).commit();
    if (res.writableNeedDrain) await new Promise((resolve) => res.once('drain', resolve));
  }
  await workbook.commit();
}

function xlsxValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : String(value);
}

function write(res: Response, chunk: string): Promise<void> | void {
  if (!res.write(chunk)) return new Promise((resolve) => res.once('drain', resolve));
}
