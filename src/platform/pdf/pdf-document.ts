import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';

/** One piece of a document's body, drawn in order down the page. */
export type PdfBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Label and value side by side, one row each (a letter's participant details, a certificate's days). */
  | { kind: 'facts'; rows: readonly { label: string; value: string }[] };

/** What a letter or certificate says; `renderPdf` lays it out on A4. */
export interface PdfDocumentSpec {
  /** BCP 47 tag of the text (`/Lang`), read by screen readers and text extractors. */
  language: string;
  /** The document's title in its metadata (the viewer's window title). */
  title: string;
  /** Lines at the top of the first page: the organisers' letterhead, first line bold. */
  letterhead: readonly string[];
  /** A line under the letterhead on the right, typically the place and date of issue. */
  dateLine?: string;
  blocks: readonly PdfBlock[];
  signature?: {
    name: string;
    title?: string;
    /** PNG, drawn above the name at most 180×60 pt, its proportions kept. */
    image?: Buffer;
  };
  footer: {
    reference: { label: string; value: string };
    verification: { label: string; url: string };
    /** PNG of a QR code (platform/qr), drawn at the footer's right. */
    qrPng?: Buffer;
  };
}

const MARGIN = 56;
const FOOTER_HEIGHT = 72;
const QR_SIDE = 64;
const INK = '#1a1a1a';
const MUTED = '#555555';

// DejaVu covers every Latin accent (and Greek, Cyrillic); the standard PDF fonts would drop "ã" or "ñ"
// outside WinAnsi. Read once: every document embeds the subset of glyphs it uses.
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function dejaVu(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

/** Renders a document to PDF bytes. Nothing is kept: the same spec renders the same text again. */
export function renderPdf(spec: PdfDocumentSpec): Promise<Buffer> {
  const doc = newDocument(spec);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    draw(doc, spec);
    doc.end();
  } catch (error) {
    // A bad image (the signature's PNG) throws while drawing; the stream is never ended then.
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return done;
}

/**
 * The document as a stream of its bytes, for a response to pipe as they come
 * rather than holding the whole file. A bad image throws here, before the
 * first byte, as `renderPdf` rejects.
 */
export function streamPdf(spec: PdfDocumentSpec): Readable {
  const doc = newDocument(spec);
  draw(doc, spec);
  doc.end();
  return doc;
}

function newDocument(spec: PdfDocumentSpec): PDFKit.PDFDocument {
  const { regular, bold } = dejaVu();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    lang: spec.language,
    displayTitle: true,
    info: { Title: spec.title, Producer: 'Plenary', Creator: 'Plenary' },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  return doc;
}

function draw(doc: PDFKit.PDFDocument, spec: PdfDocumentSpec): void {
  const width = doc.page.width - 2 * MARGIN;
  spec.letterhead.forEach((line, index) => {
    doc
      .font(index === 0 ? 'bold' : 'regular')
      .fontSize(index === 0 ? 13 : 9.5)
      .fillColor(index === 0 ? INK : MUTED)
      .text(line, MARGIN, undefined, { width });
  });
  if (spec.letterhead.length > 0) {
    doc.moveDown(0.4);
    doc
      .moveTo(MARGIN, doc.y)
      .lineTo(MARGIN + width, doc.y)
      .lineWidth(0.7)
      .strokeColor('#999999')
      .stroke();
    doc.moveDown(1);
  }
  if (spec.dateLine) {
    doc.font('regular').fontSize(10.5).fillColor(INK).text(spec.dateLine, MARGIN, undefined, { width, align: 'right' });
    doc.moveDown(1);
  }
  for (const block of spec.blocks) drawBlock(doc, block, width);
  if (spec.signature) drawSignature(doc, spec.signature);
  drawFooter(doc, spec.footer, width);
}

function drawBlock(doc: PDFKit.PDFDocument, block: PdfBlock, width: number): void {
  switch (block.kind) {
    case 'heading':
      doc.font('bold').fontSize(12).fillColor(INK).text(block.text, MARGIN, undefined, { width });
      doc.moveDown(0.6);
      return;
    case 'paragraph':
      doc.font('regular').fontSize(10.5).fillColor(INK).text(block.text, MARGIN, undefined, { width, align: 'justify', lineGap: 2 });
      doc.moveDown(0.8);
      return;
    case 'facts': {
      const labelWidth = Math.min(170, width * 0.36);
      const valueX = MARGIN + labelWidth + 12;
      const valueWidth = width - labelWidth - 12;
      for (const row of block.rows) {
        doc.font('bold').fontSize(10);
        const rowHeight = Math.max(
          doc.heightOfString(row.label, { width: labelWidth }),
          doc.font('regular').heightOfString(row.value, { width: valueWidth }),
        );
        if (doc.y + rowHeight > doc.page.height - MARGIN) doc.addPage();
        const top = doc.y;
        doc.font('bold').fillColor(MUTED).text(row.label, MARGIN, top, { width: labelWidth });
        doc.font('regular').fillColor(INK).text(row.value, valueX, top, { width: valueWidth });
        doc.y = top + rowHeight + 4;
      }
      doc.x = MARGIN;
      doc.moveDown(0.8);
      return;
    }
  }
}

function drawSignature(doc: PDFKit.PDFDocument, signature: NonNullable<PdfDocumentSpec['signature']>): void {
  const imageHeight = signature.image ? 60 : 0;
  if (doc.y + imageHeight + 60 > doc.page.height - MARGIN - FOOTER_HEIGHT) doc.addPage();
  doc.moveDown(1);
  if (signature.image) {
    doc.image(signature.image, MARGIN, doc.y, { fit: [180, 60] });
    doc.y += imageHeight + 4;
  } else {
    doc.moveDown(2);
  }
  doc.font('bold').fontSize(10.5).fillColor(INK).text(signature.name, MARGIN, undefined);
  if (signature.title) doc.font('regular').fontSize(10).fillColor(MUTED).text(signature.title, MARGIN, undefined);
}

function drawFooter(doc: PDFKit.PDFDocument, footer: PdfDocumentSpec['footer'], width: number): void {
  const top = doc.page.height - MARGIN - FOOTER_HEIGHT;
  if (doc.y + 12 > top) doc.addPage();
  doc
    .moveTo(MARGIN, top)
    .lineTo(MARGIN + width, top)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
  const textWidth = footer.qrPng ? width - QR_SIDE - 12 : width;
  doc.font('regular').fontSize(8.5).fillColor(MUTED);
  doc.text(`${footer.reference.label}: ${footer.reference.value}`, MARGIN, top + 8, { width: textWidth });
  doc.text(footer.verification.label, MARGIN, undefined, { width: textWidth });
  doc.fillColor(INK).text(footer.verification.url, MARGIN, undefined, { width: textWidth, link: footer.verification.url });
  if (footer.qrPng) doc.image(footer.qrPng, MARGIN + width - QR_SIDE, top + 4, { width: QR_SIDE, height: QR_SIDE });
}
