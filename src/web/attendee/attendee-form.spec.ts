import type { Question } from '../../registration/question.entity';
import { answerErrors, answersAsTyped, apiInput, typedForm, updateInput } from './attendee-form';

const question = (key: string, type: Question['type'], required = false, options: string[] = []) =>
  ({ key, label: key, type, required, options }) as Question;

const QUESTIONS = [
  question('guests', 'number', true),
  question('vegan', 'boolean'),
  question('topics', 'multi_choice', false, ['energy', 'water', 'tourism']),
  question('home', 'country'),
  question('note', 'text'),
];

describe('attendee form', () => {
  it('turns typed answers into the types the answer checks expect', () => {
    const typed = typedForm(
      {
        name: 'Ana',
        'answers.guests': '2',
        'answers.vegan': 'no',
        'answers.topics': ['energy', 'water'],
        'answers.home': 'PE',
        'answers.note': ' ',
      },
      QUESTIONS,
    );
    const input = apiInput(typed, QUESTIONS);
    expect(input.answers).toEqual({ guests: 2, vegan: false, topics: ['energy', 'water'], home: 'PE' });
    expect(answerErrors(QUESTIONS, input.answers, true)).toEqual({});
  });

  it('passes on what cannot be read so the service refuses it with its own message, beside the field', () => {
    const typed = typedForm({ 'answers.guests': 'two', 'answers.topics': 'sailing' }, QUESTIONS);
    const errors = answerErrors(QUESTIONS, apiInput(typed, QUESTIONS).answers, true);
    expect(errors['answers.guests']).toBe('expected a number');
    expect(errors['answers.topics']).toMatch(/^expected a list of distinct values/);
  });

  it('asks for required answers only where the form requires them', () => {
    const answers = apiInput(typedForm({}, QUESTIONS), QUESTIONS).answers;
    expect(answerErrors(QUESTIONS, answers, true)).toEqual({ 'answers.guests': 'required' });
    expect(answerErrors(QUESTIONS, answers, false)).toEqual({});
  });

  it('clears what the attendee emptied when editing, and keeps the email out', () => {
    const typed = typedForm({ name: '', organisation: '', 'answers.guests': '3' }, QUESTIONS);
    const input = updateInput(typed, QUESTIONS);
    expect(input).not.toHaveProperty('email');
    expect(input).toMatchObject({ name: '', organisation: null, countryCode: null });
    expect(input.answers).toEqual({ guests: 3, vegan: null, topics: null, home: null, note: null });
  });

  it('shows stored answers as the form types them', () => {
    expect(answersAsTyped(QUESTIONS, { guests: 2, vegan: true, topics: ['water'] })).toEqual({
      guests: '2',
      vegan: 'yes',
      topics: ['water'],
      home: '',
      note: '',
    });
  });
});
