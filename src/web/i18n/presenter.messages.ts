import type { MessageTable } from './messages';

export const PRESENTER_MESSAGES: MessageTable = {
  en: {},
  es: {},
  pt: {},
  fr: {},
};
