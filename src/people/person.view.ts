import { countryName } from './countries';
import { Person } from './person.entity';
import { z } from 'zod';
import { personResponse } from './person.response';

/** What organisers see of a person. */
export function personView(p: Person): z.output<typeof personResponse> {
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    organisation: p.organisation,
    organisationType: p.organisationType,
    region: p.region,
    countryCode: p.countryCode,
    country: p.countryCode ? countryName(p.countryCode) : null,
    title: p.title,
    language: p.language,
  };
}

/** What the public sees: never an email address. */
export function publicPersonView(p: Person) {
  return {
    id: p.id,
    name: p.name,
    organisation: p.organisation,
    region: p.region,
    countryCode: p.countryCode,
    country: p.countryCode ? countryName(p.countryCode) : null,
    title: p.title,
  };
}

export type PersonView = ReturnType<typeof personView>;
