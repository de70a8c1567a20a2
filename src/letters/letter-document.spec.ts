import { pdfText } from '../../test/support/pdf-text';
import { MailLanguage } from '../platform/mail/mail-language';
import { renderPdf } from '../platform/pdf/pdf-document';
import { LetterContent, letterDocument } from './letter-document';

const content = (language: MailLanguage): LetterContent => ({
  language,
  reference: 'VL-2027-ABCD1234',
  verificationUrl: 'https://events.example.org/letters/verify/VL-2027-ABCD1234?t=token',
  issuedAt: new Date('2026-12-02T10:00:00Z'),
  passportName: 'José Peña Quispe',
  nationality: 'PE',
  passportNumberLast2: '78',
  passportExpiry: '2031-05-31',
  dateOfBirth: '1984-11-02',
  consulateCity: 'Lima',
  consulateCountry: 'PE',
  organisation: null,
  // 23:30 UTC on the 8th is already the 9th in Brussels: the dates are the event's own.
  event: {
    title: 'EU–Latin America meeting',
    startsAt: new Date('2027-03-08T23:30:00Z'),
    endsAt: new Date('2027-03-10T16:30:00Z'),
    venue: 'Bruxelles',
    timezone: 'Europe/Brussels',
  },
  letterhead: '',
  signatory: { name: '', title: '', image: null },
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('letterDocument', () => {
  it.each([
    ['en', [/9\s?–\s?10 March 2027/, 'Nationality Peru', 'Date of birth 2 November 1984', 'Reference: VL-2027-ABCD1234']],
    [
      'es',
      [/9\s?–\s?10 de marzo de 2027/, 'Nacionalidad Perú', 'Fecha de nacimiento 2 de noviembre de 1984', 'Referencia: VL-2027-ABCD1234'],
    ],
    [
      'pt',
      [/9\s?–\s?10 de março de 2027/, 'Nacionalidade Peru', 'Data de nascimento 2 de novembro de 1984', 'Referência: VL-2027-ABCD1234'],
    ],
    ['fr', [/9\s?–\s?10 mars 2027/, 'Nationalité Pérou', 'Date de naissance 2 novembre 1984', 'Référence: VL-2027-ABCD1234']],
  ] as const)('writes the letter in %s, with the event’s days in its own zone', async (language, phrases) => {
    const text = await pdfText(await renderPdf(letterDocument(content(language))));
    for (const phrase of phrases) expect(text).toMatch(typeof phrase === 'string' ? new RegExp(escape(phrase)) : phrase);
    expect(text).toContain('José Peña Quispe');
    expect(text).not.toMatch(/\b8\s?–/);
  });
});
