import type { MessageTable } from './messages';

/** The organiser dashboard (English only for now). */
export const DASHBOARD_MESSAGES: MessageTable = {
  en: {},
};
