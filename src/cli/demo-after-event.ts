import { pool, until } from './demo-http';
import { carries, tokenIn } from './demo-mail';
import { progress, say, step } from './demo-output';
import type { Attendee, Demo, Meeting } from './demo-run';

const SURVEY_TITLE = 'How did the region-to-region meeting go?';

interface Question {
  id: string;
  options: string[];
}

/** What the i-th attendee answers: every second one adds a comment. */
function answersOf(questions: Question[], i: number): Record<string, unknown> {
  const [overall, again, useful, comment] = questions;
  const answers: Record<string, unknown> = {
    [overall.id]: [5, 4, 5, 3, 4][i % 5],
    [again.id]: again.options[i % 7 === 6 ? 1 : 0],
    [useful.id]: useful.options.filter((_, k) => (i + k) % 3 !== 0),
  };
  if (i % 2 === 0)
    answers[comment.id] = ['More time for the pairings, please.', 'The JRC workshop was the highlight.'][i % 4 === 0 ? 0 : 1];
  return answers;
}

/** How many emails of a kind the event's outbox has sent. */
async function sentOf({ api, as }: Demo, { base }: Meeting, kind: string): Promise<number> {
  const emails = await api.json('GET', `${base}/emails?kind=${kind}&limit=1`, as);
  return emails.counts.byKind[kind]?.sent ?? 0;
}

/** Waits until the outbox has sent `count` emails of a kind. */
function allSent(demo: Demo, meeting: Meeting, kind: string, count: number): Promise<number> {
  return until(
    `${count} ${kind} emails to be sent`,
    async () => {
      const sent = await sentOf(demo, meeting, kind);
      return sent >= count ? sent : null;
    },
    120_000,
    300,
  );
}

async function openSurvey({ api, as }: Demo, { base }: Meeting): Promise<{ id: string }> {
  const survey = await api.json('POST', `${base}/surveys`, {
    ...as,
    body: {
      title: SURVEY_TITLE,
      questions: [
        { kind: 'rating', prompt: 'How was the meeting overall?', required: true },
        { kind: 'single_choice', prompt: 'Would you take part again?', options: ['Yes', 'Maybe', 'No'] },
        { kind: 'multiple_choice', prompt: 'What was useful?', options: ['The pairings', 'The JRC workshop', 'Meeting other regions'] },
        { kind: 'text', prompt: 'Anything else?' },
      ],
    },
  });
  await api.json('POST', `${base}/surveys/${survey.id}/open`, as);
  await api.json('POST', `${base}/reminder-rules`, {
    ...as,
    body: {
      name: 'Feedback survey',
      anchor: 'fixed',
      fixedAt: new Date(Date.now() + 5000).toISOString(),
      audience: 'checked_in',
      surveyId: survey.id,
      subject: SURVEY_TITLE,
    },
  });
  return survey;
}

/**
 * After the event: a feedback survey goes to everyone checked in, each with
 * their own link; two in three open it and answer, and the results count them.
 */
export async function feedbackSurvey(demo: Demo, meeting: Meeting, checkedIn: Attendee[]): Promise<void> {
  const { api, as, mailbox } = demo;
  step('After the event, a feedback survey goes to everyone checked in; two in three answer it');
  // Survey invitations travel as reminders: the outbox counts them with the earlier ones.
  const remindersBefore = await sentOf(demo, meeting, 'reminder');
  const survey = await openSurvey(demo, meeting);
  const answering = checkedIn.filter((_, i) => i % 3 !== 2);
  await pool(
    answering,
    6,
    async (person, i) => {
      const token = encodeURIComponent(tokenIn(await mailbox.find(person.email, carries('/survey'), 120_000), '/survey'));
      const form = await api.json<{ questions: Question[] }>('GET', `/survey-invitation?token=${token}`);
      await api.json('POST', `/survey-invitation/answers?token=${token}`, { body: { answers: answersOf(form.questions, i) } });
    },
    progress('answered'),
  );
  const results = await api.json('GET', `${meeting.base}/surveys/${survey.id}/results`, as);
  if (results.invited !== checkedIn.length || results.responses !== answering.length) {
    throw new Error(
      `the survey counts ${results.responses} answers of ${results.invited} invited; ${answering.length} of ${checkedIn.length} checked in answered`,
    );
  }
  await allSent(demo, meeting, 'reminder', remindersBefore + results.invited);
  say(`${results.responses} of ${results.invited} invited answered "${SURVEY_TITLE}"`);
}

/**
 * Attendance certificates for everyone checked in and every presenter, in one
 * run whose progress is followed to its total; one attendee opens theirs from the email.
 */
export async function issueCertificates(demo: Demo, meeting: Meeting, checkedIn: Attendee[]): Promise<void> {
  const { api, as, mailbox } = demo;
  const { base } = meeting;
  step('Attendance certificates are issued to those who came and to the presenters');
  // Issued from check-in: the demo's meeting is dated three weeks ahead, so "after the event" never comes.
  await api.json('PUT', `${base}/certificates/settings`, {
    ...as,
    body: {
      intro: 'IUC-LAC thanks every participant of the region-to-region meeting.',
      signatoryName: 'Ana Moreau',
      signatoryTitle: 'Programme coordinator',
      issueMode: 'on_check_in',
    },
  });
  const started = await api.json('POST', `${base}/certificates/runs`, as);
  const shown = progress('certificates issued');
  const run = await until(
    'the certificate run',
    async () => {
      const current = await api.json('GET', `${base}/certificates/runs/${started.id}`, as);
      if (current.total > 0) shown(current.done, current.total);
      if (current.status === 'failed') throw new Error(`the certificate run failed: ${current.error}`);
      return current.status === 'completed' ? current : null;
    },
    120_000,
    100,
  );
  if (run.done !== run.total) throw new Error(`the certificate run completed with ${run.done} of ${run.total}`);
  const sent = await allSent(demo, meeting, 'certificate', run.total);
  const mail = await mailbox.find(checkedIn[0].email, (m) => /\/c\/[A-Z2-7]+\/certificate\.pdf/.test(m.text));
  const path = /\/c\/[A-Z2-7]+\/certificate\.pdf/.exec(mail.text)![0];
  const pdf = await api.call('GET', path);
  if (!pdf.text.startsWith('%PDF-')) throw new Error(`${path} is not a PDF`);
  say(
    `run ${run.status}: ${run.done} of ${run.total} certificates, ${sent} emails sent; ${checkedIn[0].name} opened theirs from "${mail.subject}"`,
  );
}
