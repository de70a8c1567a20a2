import { Event } from '../../events/event.entity';
import { MAIL_LANGUAGES } from '../../platform/mail/mail-language';
import { unknownPlaceholders } from '../../platform/mail/editable-text';
import { EDITABLE_EMAILS } from './editable-emails';

const event = {
  id: '00000000-0000-4000-8000-000000000001',
  title: 'EU–Latin America region-to-region meeting',
  timezone: 'Europe/Brussels',
  startsAt: new Date('2019-10-08T07:00:00Z'),
  endsAt: new Date('2019-10-09T15:30:00Z'),
  venue: 'Brussels',
  coOrganisers: [{ name: 'Joint Research Centre', url: null }],
} as unknown as Event;

describe('the system emails organisers may reword', () => {
  it('are the six kinds of the issue', () => {
    expect(EDITABLE_EMAILS.map((e) => e.kind)).toEqual([
      'registration-confirmed',
      'registration-waitlisted',
      'registration-promoted',
      'presenter-invitation',
      'reminder',
      'change-notice',
    ]);
  });

  describe.each(EDITABLE_EMAILS.flatMap((email) => MAIL_LANGUAGES.map((language) => [email.kind, language] as const)))(
    '%s in %s',
    (kind, language) => {
      const email = EDITABLE_EMAILS.find((e) => e.kind === kind)!;

      it('starts from a default that uses only its own placeholders', () => {
        const defaults = email.defaults(language);
        expect(unknownPlaceholders(`${defaults.subject} ${defaults.body}`, email.placeholders)).toEqual([]);
      });

      it('says with its default text what the template says by itself: the same subject and the same frame', () => {
        const standard = email.sample(language, null, event);
        const fromDefault = email.sample(language, email.defaults(language), event);
        expect(fromDefault.subject).toBe(standard.subject);
        expect(fromDefault.language).toBe(language);
        expect(fromDefault.html.slice(-200)).toBe(standard.html.slice(-200));
        expect(fromDefault.text.split('\n').slice(-3)).toEqual(standard.text.split('\n').slice(-3));
      });

      it('escapes what organisers write and keeps the fixed parts after it', () => {
        const edited = email.sample(
          language,
          { subject: 'News <b>{eventTitle}</b>', body: 'Hello <script>x</script> {name}\n\nSecond paragraph' },
          event,
        );
        expect(edited.subject).toBe(`News <b>${event.title}</b>`);
        expect(edited.html).toContain('<p>Hello &lt;script&gt;x&lt;/script&gt; ');
        expect(edited.html).toContain('<p>Second paragraph</p>');
        expect(edited.html).not.toContain('<script>');
        expect(edited.text).toMatch(/^Hello <script>x<\/script> .+\n\nSecond paragraph\n\n/);
      });
    },
  );
});
