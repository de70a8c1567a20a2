import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ParsedMail, simpleParser } from 'mailparser';
import { PlenaryProcess, cleanEnv } from '../support/plenary-process';
import { pdfText } from '../support/pdf-text';
import { freePort } from '../support/redis-server';

const ATTENDEES = 40;
const PRESENTERS = 40;
const STEPS = [
  'Plenary',
  'The organiser builds the meeting',
  'Presenters are invited, open their emails, confirm and upload their materials',
  `${ATTENDEES} attendees register`,
  'The organisers open 12 more places; the waiting list moves up',
  'An attendee from Peru asks for a visa invitation letter; an organiser issues it',
  'A reminder goes out to everyone with a place',
  'Attendees check in on both days',
  'The organisers record outcomes and highlights',
  'After the event, a feedback survey goes to everyone checked in; two in three answer it',
  'Attendance certificates are issued to those who came and to the presenters',
  'The post-event report is compiled',
];

/** `npm run demo` as a user runs it: its own embedded Plenary, read back from what it prints and the files it leaves. */
describe('npm run demo', () => {
  const demoRun = { code: null as number | null, text: '', dataDir: '' };
  let mails: ParsedMail[] = [];

  const line = (pattern: RegExp) => {
    const match = pattern.exec(demoRun.text);
    if (!match) throw new Error(`the demo printed no line like ${pattern}:\n${demoRun.text}`);
    return match;
  };

  beforeAll(async () => {
    const demo = new PlenaryProcess(
      cleanEnv({ PORT: String(await freePort()), DEMO_ATTENDEES: String(ATTENDEES), DEMO_CAPACITY: '32' }),
      'dist/cli/demo.js',
    ).start();
    demoRun.code = await demo.finished();
    demoRun.text = demo.text;
    demoRun.dataDir = /its data stays in (\S+)\.$/m.exec(demoRun.text)?.[1] ?? '';
    const mailDir = join(demoRun.dataDir, 'mail');
    const files = demoRun.dataDir ? (await readdir(mailDir)).filter((f) => f.endsWith('.eml')) : [];
    mails = await Promise.all(files.map(async (f) => simpleParser(await readFile(join(mailDir, f)))));
  }, 240_000);

  afterAll(async () => {
    if (demoRun.dataDir) await rm(demoRun.dataDir, { recursive: true, force: true });
  });

  it('runs every step in order and finishes', () => {
    expect({ code: demoRun.code, tail: demoRun.text.slice(-2000) }).toEqual({ code: 0, tail: expect.stringMatching(/Finished in/) });
    const steps = [...demoRun.text.matchAll(/^\[\s*[\d.]+s\] (\d+)\. (.+)$/gm)].map((m) => `${m[1]}. ${m[2]}`);
    expect(steps).toEqual(STEPS.map((title, i) => `${i + 1}. ${title}`));
  });

  it('emails the Peruvian attendee their approved visa letter as a PDF', async () => {
    const [, name, region, reference] = line(/^.* (\S+ \S+) \((\S+), Peru\) asks for a letter.*\n.*letter (VL-\S+) approved; /m);
    expect(['Piura', 'Arequipa', 'Cusco']).toContain(region);
    const letters = mails.filter((m) => m.attachments.some((a) => a.contentType === 'application/pdf'));
    expect(letters).toHaveLength(1);
    expect(letters[0].text).toContain(reference);
    const text = await pdfText(letters[0].attachments[0].content);
    expect(text).toContain(name);
    expect(text).toContain('Lima');
  });

  it('sends the survey to everyone checked in, and counts the answers the attendees sent', () => {
    const [, answered, invited] = line(/^.* (\d+) of (\d+) invited answered "How did the region-to-region meeting go\?"$/m).map(Number);
    expect(line(/answered (\d+)\/\1$/m)[1]).toBe(String(answered));
    expect(mails.filter((m) => (m.text ?? '').includes('/survey?token='))).toHaveLength(invited);
    const [day1, day2] = [...demoRun.text.matchAll(/: (\d+) checked in at the door/g)].map((m) => Number(m[1]));
    expect(invited).toBeGreaterThanOrEqual(Math.max(day1, day2));
    expect(answered).toBe(invited - Math.floor(invited / 3));
    expect(
      line(/^ {2}Survey +"How did the region-to-region meeting go\?": (\d+) of (\d+) answered/m)
        .slice(1)
        .map(Number),
    ).toEqual([answered, invited]);
  });

  it('issues a certificate to everyone checked in and every presenter, the run reaching its total', () => {
    const invited = Number(line(/ of (\d+) invited answered/)[1]);
    const [, done, total, sent] = line(/run completed: (\d+) of (\d+) certificates, (\d+) emails sent/).map(Number);
    expect({ done, total, sent }).toEqual({ done: invited + PRESENTERS, total: invited + PRESENTERS, sent: invited + PRESENTERS });
    // The run's progress, as the demo follows it, reaches its total.
    expect(line(/certificates issued (\d+)\/\1$/m)[1]).toBe(String(total));
    expect(mails.filter((m) => /\/c\/[A-Z2-7]+\/certificate\.pdf/.test(m.text ?? ''))).toHaveLength(total);
  });

  it("saves a report whose survey section holds the survey's answers", async () => {
    const answered = line(/ (\d+) of \d+ invited answered/)[1];
    const htmlFile = line(/^ {2}(\S+\.html) {3}\(printable page/m)[1];
    const html = await readFile(htmlFile, 'utf8');
    expect(html).toContain('Feedback: How did the region-to-region meeting go?');
    const csv = await readFile(htmlFile.replace(/\.html$/, '.csv'), 'utf8');
    expect(csv).toMatch(new RegExp(`^survey,1\\.responses,${answered}\\r?$`, 'm'));
  });
});
