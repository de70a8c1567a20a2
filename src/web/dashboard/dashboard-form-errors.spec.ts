import { dashboardFormErrors, fieldLabel } from './dashboard-form-errors';

describe('dashboardFormErrors', () => {
  it('names both fields of an ordering error by their labels', () => {
    expect(dashboardFormErrors('en', { endsAt: 'must be after startsAt' })).toEqual({ endsAt: 'Ends must be after Starts.' });
    expect(dashboardFormErrors('es', { endsAt: 'must be after startsAt' })).toEqual({ endsAt: '«Fin» debe ser posterior a «Inicio».' });
  });

  it("uses the form's own labels, as message keys or as text", () => {
    const errors = dashboardFormErrors(
      'en',
      { registrationClosesAt: 'must be after registrationOpensAt', title: 'required' },
      { registrationOpensAt: 'Opening of registration', title: 'label.field.name' },
    );
    expect(errors).toEqual({
      registrationClosesAt: 'Registration closes must be after Opening of registration.',
      title: 'Name is required.',
    });
  });

  it('says what the API expects in people words, with its numbers', () => {
    expect(
      dashboardFormErrors('fr', {
        capacity: 'expected 0 or more',
        name: 'at most 200 characters',
        anchor: 'expected one of event_start, event_end, session_start, materials_due, fixed',
        'presenters[1].email': 'expected an email address',
      }),
    ).toEqual({
      capacity: '« Capacité » doit valoir au moins 0.',
      name: '« Nom » est trop long : 200 caractères au plus.',
      anchor: '« Référence » : choisissez l’une des options proposées.',
      'presenters[1].email': '« Adresse e-mail » : indiquez une adresse e-mail comme nom@exemple.org.',
    });
  });

  it("keeps the page's own sentences and the form's summary, and never shows an unknown API message raw", () => {
    const errors = dashboardFormErrors('pt', {
      code: 'Este código não existe.',
      '(form)': 'The session ends before it starts',
      slug: 'is taken by another_event',
    });
    expect(errors).toEqual({
      code: 'Este código não existe.',
      '(form)': 'The session ends before it starts',
      slug: '«Endereço web»: verifique o que escreveu.',
    });
  });

  it('falls back to the field name only when nothing names it', () => {
    expect(fieldLabel('en', 'answers.q1')).toBe('answers.q1');
    expect(fieldLabel('es', 'chairs[0].personId')).toBe('Persona');
  });
});
