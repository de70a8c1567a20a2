import { Initial1795707667337 } from './1795707667337-Initial';
import { Agenda1795708465251 } from './1795708465251-Agenda';
import { Registration1795709195988 } from './1795709195988-Registration';

/** Every migration in order; `npm run migration:generate` prints the class to add here. */
export const MIGRATIONS: Function[] = [Initial1795707667337, Agenda1795708465251, Registration1795709195988];
