import type { PublicAgenda, PublicPerson, PublicSession } from '../agenda/public-agenda-document';

export interface SpeakerAppearance {
  session: PublicSession;
  day: string;
  /** `chair` or `moderator` of the session, or `lead`/`co` presenter of one of its presentations. */
  role: string;
  presentationTitle: string | null;
}

export interface Speaker {
  person: PublicPerson;
  appearances: SpeakerAppearance[];
}

/**
 * Everyone the published agenda names (chairs, moderators, presenters), each
 * with what they do in it, by name. Attendees are not in the agenda, so a
 * speaker page can never show one.
 */
export function speakersOf(days: PublicAgenda['days']): Speaker[] {
  const speakers = new Map<string, Speaker>();
  const add = (person: PublicPerson, appearance: SpeakerAppearance) => {
    const speaker = speakers.get(person.id) ?? { person, appearances: [] };
    speaker.appearances.push(appearance);
    speakers.set(person.id, speaker);
  };
  for (const day of days) {
    for (const session of day.sessions) {
      for (const chair of session.chairs) add(chair, { session, day: day.date, role: chair.role, presentationTitle: null });
      for (const presentation of session.presentations) {
        for (const presenter of presentation.presenters) {
          add(presenter, { session, day: day.date, role: presenter.role, presentationTitle: presentation.title });
        }
      }
    }
  }
  return [...speakers.values()].sort((a, b) => a.person.name.localeCompare(b.person.name));
}
