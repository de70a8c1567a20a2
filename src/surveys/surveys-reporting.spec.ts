import { SurveyResultRow, surveyResults } from './surveys-reporting';

const row = (fields: Partial<SurveyResultRow>): SurveyResultRow => ({
  survey_id: 's1',
  title: 'How did it go?',
  anonymous: false,
  status: 'open',
  closes_at: null,
  invited: 4,
  responses: 3,
  question_id: null,
  kind: null,
  prompt: null,
  options: null,
  session_id: null,
  session_title: null,
  answered: 0,
  average: null,
  distribution: {},
  comments: [],
  ...fields,
});

describe('surveyResults', () => {
  it('lists every rating and option, answered or not, and pools a session’s rating questions', () => {
    const [results] = surveyResults([
      row({ question_id: 'q1', kind: 'rating', prompt: 'Overall', answered: 3, average: 11 / 3, distribution: { '3': 1, '4': 2 } }),
      row({ question_id: 'q2', kind: 'single_choice', prompt: 'Again?', options: ['Yes', 'No'], answered: 2, distribution: { Yes: 2 } }),
      row({ question_id: 'q3', kind: 'rating', prompt: 'Talk', session_id: 'x', session_title: 'Opening', answered: 2, average: 5 }),
      row({ question_id: 'q4', kind: 'rating', prompt: 'Room', session_id: 'x', session_title: 'Opening', answered: 1, average: 2 }),
    ]);
    expect(results).toMatchObject({ invited: 4, responses: 3, responseRate: 0.75, status: 'open' });
    expect(results.questions[0]).toMatchObject({
      average: 3.67,
      distribution: [
        { value: '1', count: 0 },
        { value: '2', count: 0 },
        { value: '3', count: 1 },
        { value: '4', count: 2 },
        { value: '5', count: 0 },
      ],
    });
    expect(results.questions[1]).toMatchObject({
      average: null,
      distribution: [
        { value: 'Yes', count: 2 },
        { value: 'No', count: 0 },
      ],
    });
    expect(results.sessions).toEqual([{ sessionId: 'x', session: 'Opening', ratings: 3, average: 4 }]);
  });

  it('calls a survey closed once its closing time has passed, and has no rate without invitations', () => {
    const [results] = surveyResults(
      [row({ closes_at: new Date('2020-01-01T00:00:00Z'), invited: 0, responses: 0 })],
      new Date('2021-01-01'),
    );
    expect(results).toMatchObject({ status: 'closed', responseRate: null, questions: [] });
  });
});
