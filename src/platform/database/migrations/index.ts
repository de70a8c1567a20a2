import { Initial1795707667337 } from './1795707667337-Initial';

/** Every migration in order; `npm run migration:generate` prints the class to add here. */
export const MIGRATIONS: Function[] = [Initial1795707667337];
