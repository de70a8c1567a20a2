import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import { EmailAttachment } from './email.entity';
import { OutgoingMail, toNodemailerMessage } from './mail-transport';
import { mimeBytes } from './mime-bytes';

const DATE = new Date('2026-12-03T09:30:00Z');
const ICS: EmailAttachment = {
  filename: 'event.ics',
  contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
  content: Buffer.from(
    'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Plenary//EN\r\nBEGIN:VEVENT\r\nSUMMARY:Reunión región a región — 会議\r\n' +
      'DESCRIPTION:' +
      'Sessions and rooms, '.repeat(12) +
      '\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
  ).toString('base64'),
};
// 20,001 bytes: neither a whole number of base64 groups nor of lines.
const PDF: EmailAttachment = {
  filename: 'visa-letter.pdf',
  contentType: 'application/pdf',
  content: randomBytes(20_001).toString('base64'),
};
const QR: EmailAttachment = { filename: 'check-in-code.png', contentType: 'image/png', cid: 'check-in-code@plenary', qrCodeOf: 'K7M2Q9XP' };

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    from: 'Plenary <no-reply@plenary.localhost>',
    to: { address: 'attendee@region.test', name: 'Attendee Lastname' },
    subject: 'Reminder: EU–Latin America region-to-region meeting',
    html: '<html><body><p>The meeting starts tomorrow at 09:00.</p></body></html>',
    text: 'The meeting starts tomorrow at 09:00.\n',
    headers: { 'List-Unsubscribe': '<https://plenary.localhost/u/abc>' },
    attachments: [],
    outboxId: '0b6f8a52-4d7e-4c3a-9d1e-2f5b8c7a6e10',
    ...overrides,
  };
}

/** Two trees of one message (same Message-ID, boundaries and date): one for nodemailer's build(), one for mimeBytes. */
function compiled(message: OutgoingMail) {
  const composed = { ...toNodemailerMessage(message), date: DATE };
  return { built: () => new MailComposer(composed).compile().build(), written: () => mimeBytes(new MailComposer(composed).compile()) };
}

async function expectSameBytes(message: OutgoingMail): Promise<Buffer> {
  const { built, written } = compiled(message);
  const expected = await built();
  const actual = written();
  expect(actual).not.toBeNull();
  // As text first, so a difference shows where it is; then byte for byte.
  expect(actual!.toString('latin1')).toBe(expected.toString('latin1'));
  expect(actual!.equals(expected)).toBe(true);
  return actual!;
}

describe('mimeBytes: the bytes of nodemailer build(), in one pass', () => {
  it('writes a text and HTML alternative', async () => {
    const bytes = await expectSameBytes(mail());
    expect(bytes.toString()).toContain('Content-Type: multipart/alternative;');
  });

  it('writes the reminder shape: text, HTML and an .ics attachment', async () => {
    const bytes = await expectSameBytes(mail({ attachments: [ICS] }));
    expect(bytes.toString()).toContain('Content-Type: multipart/mixed;');
    expect(bytes.toString()).toContain('filename=event.ics');
  });

  it('writes a PDF Buffer attachment beside the .ics', async () => {
    await expectSameBytes(mail({ attachments: [PDF, ICS] }));
  });

  it('writes an inline QR image the HTML shows by cid, with the .ics', async () => {
    const bytes = await expectSameBytes(
      mail({ html: '<p>Your code</p><p><img src="cid:check-in-code@plenary" alt="K7M2Q9XP" /></p>', attachments: [QR, ICS] }),
    );
    expect(bytes.toString()).toContain('Content-Type: multipart/related; type="text/html";');
    expect(bytes.toString()).toContain('Content-ID: <check-in-code@plenary>');
  });

  it('writes Spanish and Portuguese accents in the subject, the name and the bodies', async () => {
    await expectSameBytes(
      mail({
        subject: 'Recordatorio: la reunión de mañana — lembrete da sessão às 9h, não perca',
        to: { address: 'joao@region.test', name: 'João Gonçalves Muñoz Peña' },
        text: 'Hola José, la sesión empieza mañana.\nOlá João, a sessão começa às 9h.\n',
        html: '<p>Hola José, la sesión empieza mañana.</p><p>Olá João, a sessão começa às 9h.</p>',
        attachments: [ICS],
      }),
    );
  });

  it('writes CJK in the subject, the name and the bodies (base64 bodies)', async () => {
    const bytes = await expectSameBytes(
      mail({
        subject: '地域間会議のリマインダー：明日午前9時から',
        to: { address: 'yamada@region.test', name: '山田 太郎' },
        text: '山田様、会議は明日の午前9時に始まります。\n'.repeat(8),
        html: '<p>山田様、会議は明日の午前9時に始まります。</p>'.repeat(8),
        attachments: [ICS],
      }),
    );
    expect(bytes.toString()).toContain('Content-Transfer-Encoding: base64');
  });

  it('writes long lines, soft-broken in quoted-printable', async () => {
    const line = 'A session list line that runs on well past the seventy-six characters of a MIME line, ';
    const bytes = await expectSameBytes(
      mail({ text: line.repeat(6) + '\n' + 'x'.repeat(300) + '\n', html: `<table><tr><td>${line.repeat(20)}</td></tr></table>` }),
    );
    expect(bytes.toString()).toContain('Content-Transfer-Encoding: quoted-printable');
  });

  it('writes bodies ending in spaces and tabs, which the encoder encodes last', async () => {
    await expectSameBytes(mail({ text: 'Fin de la sesión ' + 'y'.repeat(60) + ' \t  ', html: `<p>${'z'.repeat(70)} á</p> \t ` }));
    // Here the encoder's line breaks differ from wrapping the whole encoding at once.
    const text = 'a.' + 'x'.repeat(20) + ',aa.aa=\t  a,==\t,word \tb word \nñ,aword \t\t,\t  =' + 'x'.repeat(20) + '.b .ñ' + ' '.repeat(13);
    await expectSameBytes(mail({ text }));
  });

  it('writes what build() writes for texts of every length and mix of characters', async () => {
    const pieces = ['a', 'Zz', ' ', '\t', '\n', '\r\n', 'ñ', 'ção', '会議', '=', '.', 'longword'.repeat(12), '  \n'];
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (let i = 0; i < 150; i++) {
      const text = Array.from({ length: next(120) + 1 }, () => pieces[next(pieces.length)]).join('');
      await expectSameBytes(mail({ text, html: `<p>${text}</p>`, subject: text.replace(/\s+/g, ' ').slice(0, 90) || 'x' }));
    }
  });
});

describe('mimeBytes: left to build()', () => {
  it('answers null for streamed content', async () => {
    const composed = {
      ...toNodemailerMessage(mail({ attachments: [ICS] })),
      date: DATE,
      attachments: [{ filename: 'letter.pdf', contentType: 'application/pdf', content: Readable.from([randomBytes(3_000)]) }],
    };
    const message = new MailComposer(composed).compile();
    expect(mimeBytes(message)).toBeNull();
    // The same tree still builds, so the fallback has something to send.
    expect((await message.build()).toString()).toContain('filename=letter.pdf');
  });

  it('answers null for content read from a file path or a URL', () => {
    for (const source of [{ path: '/etc/hostname' }, { href: 'https://plenary.localhost/letter.pdf' }]) {
      const composed = { ...toNodemailerMessage(mail()), attachments: [{ filename: 'letter.pdf', ...source }] };
      expect(mimeBytes(new MailComposer(composed).compile())).toBeNull();
    }
  });

  it('answers null for a quoted-printable body longer than one encoder slice (64 KiB)', async () => {
    const { built, written } = compiled(mail({ html: '<p>Sesión de apertura, sala A.</p>\n'.repeat(2_500) }));
    expect(written()).toBeNull();
    expect((await built()).length).toBeGreaterThan(64 * 1024);
  });
});
