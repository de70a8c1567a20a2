import { hashPassportNumber, normalisePassportNumber, passportNumberMatches } from './passport-number';

describe('passport numbers', () => {
  it('match however a consulate spaces or cases them, and never a different number', async () => {
    const stored = await hashPassportNumber('pe 123-456-78');
    expect(stored).not.toContain('12345678');
    expect(await passportNumberMatches('PE12345678', stored)).toBe(true);
    expect(await passportNumberMatches(' pe 1234 5678 ', stored)).toBe(true);
    expect(await passportNumberMatches('PE12345679', stored)).toBe(false);
    expect(await hashPassportNumber('PE12345678')).not.toBe(stored);
    expect(normalisePassportNumber('ab-12 c')).toBe('AB12C');
  });
});
