import { TestApp } from './test-app';

const ATTEMPTS = 5;

interface RuleAnswer {
  id: string;
  scheduled: Array<{ state: string }>;
}

/**
 * Creates a fixed-time reminder rule due `leadMs` after the request leaves.
 * A rule whose time has passed by the time the server schedules it is marked
 * missed and never sent (design.md: overdue reminders are not sent late), so
 * on a machine loaded enough for the request to outlast the lead the rule is
 * moved further on, twice as far each time, until its occurrence is pending.
 */
export async function createReminderSoon(
  http: TestApp['http'],
  auth: string,
  eventId: string,
  rule: Record<string, unknown>,
  leadMs: number,
): Promise<RuleAnswer> {
  const fixedAt = (attempt: number) => new Date(Date.now() + leadMs * 2 ** (attempt - 1)).toISOString();
  const created = await http
    .post(`/events/${eventId}/reminder-rules`)
    .set('Authorization', auth)
    .send({ ...rule, anchor: 'fixed', fixedAt: fixedAt(1) })
    .expect(201);
  let answer = created.body as RuleAnswer;
  for (let attempt = 2; !isPending(answer); attempt++) {
    if (attempt > ATTEMPTS) {
      throw new Error(
        `reminder rule ${answer.id} still not pending after ${ATTEMPTS} tries from a lead of ${leadMs} ms: ${JSON.stringify(answer.scheduled)}`,
      );
    }
    const moved = await http
      .patch(`/events/${eventId}/reminder-rules/${answer.id}`)
      .set('Authorization', auth)
      .send({ fixedAt: fixedAt(attempt) })
      .expect(200);
    answer = moved.body as RuleAnswer;
  }
  return answer;
}

function isPending(answer: RuleAnswer): boolean {
  return answer.scheduled.length > 0 && answer.scheduled.every((occurrence) => occurrence.state === 'pending');
}
