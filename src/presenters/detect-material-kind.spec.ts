import { Readable } from 'node:stream';
import { docxFile, mp4File, odpFile, pdfFile, plainZipFile, pngFile, xlsxFile } from '../../test/support/material-files';
import { zip } from '../../test/support/zip-writer';
import { detectMaterialKind } from './detect-material-kind';
import { ByteSource } from './zip-directory';

/** The file as storage would serve it, in small chunks so records straddle them. */
function source(bytes: Buffer): ByteSource {
  return async (start, length) => {
    const slice = bytes.subarray(start, start + length);
    return Readable.from(Array.from({ length: Math.ceil(slice.length / 97) }, (_, i) => slice.subarray(i * 97, (i + 1) * 97)));
  };
}

const detect = (bytes: Buffer) => detectMaterialKind(source(bytes), bytes.length);

describe('detectMaterialKind', () => {
  it.each([
    ['PDF', pdfFile(), 'pdf'],
    ['PNG', pngFile(), 'png'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), 'jpeg'],
    ['MP4', mp4File(), 'mp4'],
    ['DOCX', docxFile(), 'docx'],
    ['XLSX', xlsxFile(), 'xlsx'],
    ['ODP', odpFile(), 'odp'],
    ['plain ZIP', plainZipFile(), 'zip'],
  ])('tells a %s by its bytes', async (_name, bytes, kind) => {
    expect(await detect(bytes)).toEqual({ kind });
  });

  it('tells a PPTX by the main part named in [Content_Types].xml', async () => {
    const pptx = zip([
      {
        name: '[Content_Types].xml',
        content:
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
      },
      { name: 'ppt/presentation.xml', content: '<p:presentation/>' },
    ]);
    expect(await detect(pptx)).toEqual({ kind: 'pptx' });
  });

  it('takes other ODF files and office packages with other main parts for plain ZIPs', async () => {
    const odt = zip([{ name: 'mimetype', content: 'application/vnd.oasis.opendocument.text', store: true }]);
    const notFirst = zip([
      { name: 'content.xml', content: '<x/>' },
      { name: 'mimetype', content: 'application/vnd.oasis.opendocument.presentation', store: true },
    ]);
    const macroWorkbook = zip([
      { name: '[Content_Types].xml', content: '<Override ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>' },
    ]);
    for (const bytes of [odt, notFirst, macroWorkbook]) expect(await detect(bytes)).toEqual({ kind: 'zip' });
  });

  it('reads a large central directory record by record', async () => {
    const many = zip(Array.from({ length: 2000 }, (_, i) => ({ name: `photos/visit-${i}.txt`, content: `${i}` })));
    expect(await detect(many)).toEqual({ kind: 'zip' });
  });

  it('refuses what is none of the accepted types, and ZIPs that cannot be read', async () => {
    expect(await detect(Buffer.from('plain text, not slides'))).toMatchObject({ kind: null });
    expect(await detect(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toMatchObject({ kind: null });
    const truncated = plainZipFile().subarray(0, 80);
    expect(await detect(truncated)).toMatchObject({ kind: null, reason: expect.stringMatching(/cannot be read/) });
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
    expect(await detect(heic)).toMatchObject({ kind: null });
  });
});
