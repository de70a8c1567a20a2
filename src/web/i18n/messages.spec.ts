import { keysDefinedTwice, missingTranslations } from './messages';

describe('translated messages', () => {
  it.each(['es', 'pt', 'fr'] as const)('has every message of every area in %s', (language) => {
    expect(missingTranslations(language)).toEqual([]);
  });

  it('defines each key in one area only, so no area silently rewords another', () => {
    expect(keysDefinedTwice()).toEqual([]);
  });
});
