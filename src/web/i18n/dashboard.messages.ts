import type { MessageTable } from './messages';

/** The organiser dashboard's layout and navigation; each dashboard area adds its own `dashboard-<area>.messages.ts`. */
export const DASHBOARD_MESSAGES: MessageTable = {
  en: {},
  es: {},
  pt: {},
  fr: {},
};
