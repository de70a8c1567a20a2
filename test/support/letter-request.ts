/** A visa letter request as `PUT /registrations/me/letter` takes it: a Peruvian passport valid well after any test event. */
export function passportDetails(overrides: Record<string, string> = {}) {
  return {
    passportName: 'José Peña Quispe',
    nationality: 'PE',
    passportNumber: 'pe-1234 5678',
    passportExpiry: '2031-05-31',
    dateOfBirth: '1984-11-02',
    consulateCity: 'Lima',
    consulateCountry: 'PE',
    ...overrides,
  };
}
