import { z } from 'zod';
import { idField } from '../platform/http/openapi/response-fields';
import { ORGANISATION_TYPES } from './person.entity';

export const personDetails = {
  name: z.string(),
  email: z.string().nullable(),
  organisation: z.string().nullable(),
  organisationType: z.enum(ORGANISATION_TYPES).nullable(),
  region: z.string().nullable(),
  countryCode: z.string().nullable().describe('ISO 3166-1 alpha-2.'),
  country: z.string().nullable().describe("The country's English name."),
  title: z.string().nullable().describe('Job title.'),
  language: z.string().nullable().describe('Language tag for emails; en, es, pt or fr are written, others get English.'),
};

export const personResponse = z.object({ id: idField, ...personDetails }).describe('A person of the event, as organisers see them.');
