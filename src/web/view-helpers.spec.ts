import Handlebars from 'handlebars';
import { registerViewHelpers } from './view-helpers';

describe('view helpers', () => {
  const handlebars = Handlebars.create();
  registerViewHelpers(handlebars);
  const render = (source: string, data: Record<string, unknown>) => handlebars.compile(source)(data);

  it('labels an enum value in the page language', () => {
    expect(render('{{label "registrationStatus" status}}', { lang: 'es', status: 'waitlisted' })).toBe('En lista de espera');
  });

  it("still prints a context's own label field where a template says {{label}}", () => {
    expect(render('{{label}}|{{#each choices}}{{label}};{{/each}}', { label: 'Title', choices: [{ label: 'A & B' }] })).toBe(
      'Title|A &amp; B;',
    );
  });
});
