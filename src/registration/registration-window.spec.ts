import { registrationWindow } from './registration-window';

const HOUR = 3_600_000;
const now = new Date('2019-09-01T10:00:00Z');
const event = (overrides: Partial<Parameters<typeof registrationWindow>[0]> = {}) => ({
  status: 'published' as const,
  publishedAt: new Date(now.getTime() - HOUR),
  registrationOpensAt: null,
  registrationClosesAt: null,
  startsAt: new Date('2019-10-08T07:00:00Z'),
  ...overrides,
});

describe('when the public may register', () => {
  it('is open from publication until the event starts', () => {
    expect(registrationWindow(event(), now)).toEqual({ state: 'open', closesAt: new Date('2019-10-08T07:00:00Z') });
  });

  it('follows the registration dates when they are set', () => {
    const opensAt = new Date(now.getTime() + HOUR);
    expect(registrationWindow(event({ registrationOpensAt: opensAt }), now)).toEqual({ state: 'not-yet', opensAt });
    const closesAt = new Date(now.getTime() - 1);
    expect(registrationWindow(event({ registrationClosesAt: closesAt }), now)).toEqual({ state: 'closed' });
  });

  it('is closed for an event not published, even past its opening date, and says when it is cancelled', () => {
    expect(
      registrationWindow(event({ status: 'draft', publishedAt: null, registrationOpensAt: new Date(now.getTime() - HOUR) }), now),
    ).toEqual({
      state: 'closed',
    });
    expect(registrationWindow(event({ status: 'cancelled' }), now)).toEqual({ state: 'cancelled' });
  });
});
