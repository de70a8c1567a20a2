import { pdfPageCount, pdfText } from '../../../test/support/pdf-text';
import { qrPng } from '../qr/qr-png';
import { type PdfDocumentSpec, renderPdf, streamPdf } from './pdf-document';

const letter: PdfDocumentSpec = {
  language: 'fr',
  title: 'Lettre d’invitation',
  letterhead: ['Comité européen des régions', 'Rue Belliard 99–101, 1040 Bruxelles'],
  dateLine: 'Bruxelles, le 2 décembre 2026',
  blocks: [
    { kind: 'heading', text: 'Objet : lettre d’invitation' },
    { kind: 'paragraph', text: 'Nous avons le plaisir d’inviter José Peña, de São João, à la réunion.' },
    {
      kind: 'facts',
      rows: [
        { label: 'Nom (passeport)', value: 'Françoise Ñúñez Çelik' },
        { label: 'Nationalité', value: 'Pérou' },
      ],
    },
  ],
  signature: { name: 'Hélène Dupré', title: 'Secrétaire générale' },
  footer: {
    reference: { label: 'Référence', value: 'PLN-2026-000123' },
    verification: { label: 'Vérifier cette lettre :', url: 'https://events.example.org/letters/verify/PLN-2026-000123?t=abc' },
    qrPng: qrPng('https://events.example.org/letters/verify/PLN-2026-000123?t=abc'),
  },
};

describe('renderPdf', () => {
  it('writes a PDF whose text reads back with every accent: letterhead, body, facts, signature and footer', async () => {
    const pdf = await renderPdf(letter);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const phrase of [
      'Comité européen des régions',
      'Bruxelles, le 2 décembre 2026',
      'José Peña, de São João',
      'Nom (passeport) Françoise Ñúñez Çelik',
      'Nationalité Pérou',
      'Hélène Dupré Secrétaire générale',
      'Référence: PLN-2026-000123',
      'https://events.example.org/letters/verify/PLN-2026-000123?t=abc',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(await pdfPageCount(pdf)).toBe(1);
  });

  it('flows a long body onto further pages and still ends with the signature and footer', async () => {
    const long = 'Les régions coopèrent depuis des années sur l’innovation, la santé et l’énergie. '.repeat(12);
    const pdf = await renderPdf({ ...letter, blocks: Array.from({ length: 8 }, () => ({ kind: 'paragraph' as const, text: long })) });
    expect(await pdfPageCount(pdf)).toBeGreaterThan(1);
    expect(await pdfText(pdf)).toMatch(/Hélène Dupré Secrétaire générale Référence: PLN-2026-000123/);
  });

  it('draws a PNG signature and refuses bytes that are not an image', async () => {
    const withImage = await renderPdf({ ...letter, signature: { name: 'Hélène Dupré', image: qrPng('signature', 2) } });
    expect(withImage.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    await expect(renderPdf({ ...letter, signature: { name: 'Hélène Dupré', image: Buffer.from('not a png') } })).rejects.toThrow();
  });
});

describe('streamPdf', () => {
  it('streams the same document renderPdf writes, and refuses a bad image before the first byte', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of streamPdf(letter)) chunks.push(chunk as Buffer);
    expect(await pdfText(Buffer.concat(chunks))).toBe(await pdfText(await renderPdf(letter)));
    expect(() => streamPdf({ ...letter, signature: { name: 'Hélène Dupré', image: Buffer.from('not a png') } })).toThrow();
  });
});
