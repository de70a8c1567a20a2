import type { MessageTable } from './messages';

export const ATTENDEE_MESSAGES: MessageTable = {
  en: {},
  es: {},
  pt: {},
  fr: {},
};
