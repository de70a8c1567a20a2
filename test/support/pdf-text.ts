// pdfjs-dist ships ES modules only; jest.config.js has swc turn its legacy (Node) build into CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfjs = require('pdfjs-dist/legacy/build/pdf.mjs') as typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * The text a reader copies out of a PDF (no `pdftotext` on these machines), every run of
 * whitespace — line ends, wrapped lines, page breaks — one space, so a test can look for a
 * phrase wherever the layout broke it.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const content = await (await doc.getPage(number)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return pages.join('\n').replace(/\s+/g, ' ').trim();
  } finally {
    await doc.destroy();
  }
}

/** How many pages a PDF has. */
export async function pdfPageCount(pdf: Buffer): Promise<number> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf) }).promise;
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}
