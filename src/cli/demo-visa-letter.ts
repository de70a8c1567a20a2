import { say, step } from './demo-output';
import type { Attendee, Demo, Meeting } from './demo-run';

/** A Peruvian attendee's passport, valid well after the meeting. */
function passport(person: Attendee) {
  return {
    passportName: person.name,
    nationality: 'PE',
    passportNumber: 'PE 4721 9036',
    passportExpiry: `${new Date().getUTCFullYear() + 6}-05-31`,
    dateOfBirth: '1984-11-02',
    consulateCity: 'Lima',
    consulateCountry: 'PE',
  };
}

/**
 * Before the event: an attendee from Peru asks for a visa invitation letter
 * from their registration, an organiser approves it from the list of requests,
 * and the letter reaches the attendee as a PDF attached to an email.
 */
export async function visaLetter({ api, as, mailbox }: Demo, { base }: Meeting, people: Attendee[]): Promise<void> {
  step('An attendee from Peru asks for a visa invitation letter; an organiser issues it');
  const person = people.find((p) => p.status === 'confirmed' && p.countryCode === 'PE' && p.token);
  if (!person) throw new Error('no confirmed attendee from Peru to ask for a visa letter');
  await api.json('PUT', `${base}/letter-settings`, {
    ...as,
    body: {
      letterhead: 'IUC-LAC, International Urban and Regional Cooperation\nRue Belliard 99–101, 1040 Brussels',
      signatoryName: 'Ana Moreau',
      signatoryTitle: 'Programme coordinator',
    },
  });
  const asked = await api.json('PUT', '/registrations/me/letter', { token: person.token, body: passport(person) });
  say(`${person.name} (${person.region}, Peru) asks for a letter for the consulate in Lima: ${asked.status}`);
  const requested = await api.json<{ items: Array<{ id: string; attendee: { name: string } }> }>(
    'GET',
    `${base}/letters?status=requested`,
    as,
  );
  const letter = requested.items.find((l) => l.attendee.name === person.name);
  if (!letter) throw new Error(`the letter ${person.name} asked for is not among the requests`);
  const approved = await api.json('POST', `${base}/letters/${letter.id}/approve`, as);
  const mail = await mailbox.find(person.email, (m) => m.text.includes(approved.reference) && m.attachments.includes('application/pdf'));
  say(`letter ${approved.reference} ${approved.status}; "${mail.subject}" arrived with the letter as a PDF (${mailbox.locate(mail)})`);
}
