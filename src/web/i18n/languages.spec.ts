import { fromAcceptLanguage } from './languages';

describe('fromAcceptLanguage', () => {
  it('takes the supported language with the highest weight, regions ignored', () => {
    expect(fromAcceptLanguage('de-DE,de;q=0.9,pt-BR;q=0.8,en;q=0.5')).toBe('pt');
    expect(fromAcceptLanguage('fr-CA')).toBe('fr');
    expect(fromAcceptLanguage('en;q=0.2, es;q=0.7')).toBe('es');
  });

  it('gives up on unsupported or refused languages', () => {
    expect(fromAcceptLanguage('de, it;q=0.5')).toBeNull();
    expect(fromAcceptLanguage('es;q=0')).toBeNull();
    expect(fromAcceptLanguage(undefined)).toBeNull();
  });
});
