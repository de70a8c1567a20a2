import { questionsFromLines } from './surveys-page.controller';

describe('the survey builder’s questions box', () => {
  it('reads a question a line, its kind first, options after bars, * for required', () => {
    expect(
      questionsFromLines('*rating: How was it?\n\nchoice: Again? | Yes | No \r\nmulti: Useful? | Talks|Pairings\ntext: Else?'),
    ).toEqual([
      { kind: 'rating', prompt: 'How was it?', options: [], required: true },
      { kind: 'single_choice', prompt: 'Again?', options: ['Yes', 'No'], required: false },
      { kind: 'multiple_choice', prompt: 'Useful?', options: ['Talks', 'Pairings'], required: false },
      { kind: 'text', prompt: 'Else?', options: [], required: false },
    ]);
  });

  it('names the line it cannot read', () => {
    expect(questionsFromLines('rating: Fine\nstars: Bad')).toBe('line 2: start with rating:, choice:, multi: or text:');
  });
});
