import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ResponseSchemaSource } from '../platform/http/openapi/openapi-metadata';
import { personalDataResponse } from './registration.response';

/** Whose data a section reads, and the event's zone its times are written in. */
export interface PersonalDataSubject {
  eventId: string;
  registrationId: string;
  personId: string;
  timezone: string;
}

/**
 * What a module above registration holds about the attendee: the key it takes in the download,
 * the schema /docs-json states for it, and how to read it (null or an empty list when there is none).
 */
export interface PersonalDataSection<S extends z.ZodType = z.ZodType> {
  key: string;
  schema: S;
  read: (subject: PersonalDataSubject) => Promise<z.output<S>>;
}

/**
 * The modules that hold personal data of an attendee beyond the registration (letters, surveys,
 * certificates) register a section here at boot; registration cannot import them, yet its
 * download must carry everything, and each module keeps reading (and logging) its own tables.
 */
@Injectable()
export class PersonalDataSections implements ResponseSchemaSource {
  private readonly sections = new Map<string, PersonalDataSection>();

  register<S extends z.ZodType>(section: PersonalDataSection<S>): void {
    if (section.key in personalDataResponse.shape || this.sections.has(section.key)) {
      throw new Error(`the personal data download already has a "${section.key}" field; each section needs its own key`);
    }
    this.sections.set(section.key, section as unknown as PersonalDataSection);
  }

  /** The download's schema: registration's own fields and each registered section's. */
  responseSchema(): z.ZodType {
    return personalDataResponse
      .extend(Object.fromEntries([...this.sections.values()].map((s) => [s.key, s.schema])))
      .describe(personalDataResponse.description ?? '');
  }

  /** Every section of the subject, by key, in the order they were registered. */
  async read(subject: PersonalDataSubject): Promise<Record<string, unknown>> {
    const sections = [...this.sections.values()];
    const values = await Promise.all(sections.map((s) => s.read(subject)));
    return Object.fromEntries(sections.map((s, i) => [s.key, values[i]]));
  }
}
