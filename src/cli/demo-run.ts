import type { Api } from './demo-http';
import type { Mailbox } from './demo-mail';

/** The Plenary a run drives: started by the demo or already running. */
export interface Target {
  api: Api;
  admin: { email: string; password: string };
  mailbox: Mailbox;
  startedHere: boolean;
  dataDir: string | null;
  stop(): Promise<void>;
}

export interface Attendee {
  name: string;
  email: string;
  organisation: string;
  organisationType: string;
  region: string;
  countryCode: string;
  language: string;
  id?: string;
  status?: string;
  token?: string;
  code?: string;
  /** The first registration email: confirmed or waiting list. */
  mailId?: string;
}

/** What every step drives: the Plenary, its mail, and the organiser's login. */
export interface Demo {
  plenary: Target;
  api: Api;
  mailbox: Mailbox;
  /** The organiser's bearer token, spread into the calls made as them. */
  as: { token: string };
  /** Makes this run's email addresses unique, so the demo runs again against the same Plenary. */
  run: string;
}

export interface Meeting {
  event: any;
  /** The event's API path, `/events/<id>`. */
  base: string;
  day1: string;
  day2: string;
}
