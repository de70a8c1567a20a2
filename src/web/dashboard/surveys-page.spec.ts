import { questionsFromLines } from './surveys-page.controller';

const sessions = [{ id: 's1', title: 'Opening plenary' }];

describe('the survey builder’s questions box', () => {
  it('reads a question a line, its kind first, options after bars, * for required, a session in brackets', () => {
    const text =
      '*rating: How was it?\n\nchoice: Again? | Yes | No \r\nmulti: Useful? | Talks|Pairings\ntext: Else?\nrating [opening plenary ]: And this?';
    expect(questionsFromLines(text, sessions)).toEqual([
      { kind: 'rating', prompt: 'How was it?', options: [], required: true, sessionId: null },
      { kind: 'single_choice', prompt: 'Again?', options: ['Yes', 'No'], required: false, sessionId: null },
      { kind: 'multiple_choice', prompt: 'Useful?', options: ['Talks', 'Pairings'], required: false, sessionId: null },
      { kind: 'text', prompt: 'Else?', options: [], required: false, sessionId: null },
      { kind: 'rating', prompt: 'And this?', options: [], required: false, sessionId: 's1' },
    ]);
  });

  it('names the line it cannot read', () => {
    expect(questionsFromLines('rating: Fine\nstars: Bad', sessions)).toBe('line 2: start with rating:, choice:, multi: or text:');
    expect(questionsFromLines('rating [Closing]: Fine', sessions)).toBe('line 1: no session of this event is titled "Closing"');
  });
});
