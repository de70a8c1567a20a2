import { readCsv } from './csv-reader';

describe('readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, keeping line numbers', () => {
    const rows = readCsv('\uFEFFname,note\r\n"Tello, Ignacio","said ""hello""\nthen left"\n\nBereche,ok\n');
    expect(rows).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Tello, Ignacio', 'said "hello"\nthen left'] },
      { line: 5, fields: ['Bereche', 'ok'] },
    ]);
  });

  it('keeps empty fields and a last line without a line break', () => {
    expect(readCsv('a,,c\n,b,')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['', 'b', ''] },
    ]);
  });
});
