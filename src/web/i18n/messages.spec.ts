import { missingTranslations } from './messages';

describe('translated messages', () => {
  it.each(['es', 'pt', 'fr'] as const)('has every public, attendee and presenter message in %s', (language) => {
    expect(missingTranslations(language)).toEqual([]);
  });
});
