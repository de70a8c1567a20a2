import { Injectable, OnModuleInit } from '@nestjs/common';
import { z } from 'zod';
import { PersonalDataSections } from '../registration/personal-data-sections';
import { RegistrationErasureService } from '../registration/registration-erasure.service';
import { formatInZone } from '../platform/time/zoned-time';
import { surveyPersonalDataResponse } from './survey.response';
import { OwnAnswerRow, SurveysRepository } from './surveys.repository';

type OwnSurvey = z.output<typeof surveyPersonalDataResponse>[number];

/**
 * An attendee's survey answers as their personal data: the answers to surveys that keep who
 * answered go into their download, and their erasure unties those answers from them.
 */
@Injectable()
export class SurveyPersonalDataService implements OnModuleInit {
  constructor(
    private readonly repository: SurveysRepository,
    private readonly sections: PersonalDataSections,
    private readonly erasure: RegistrationErasureService,
  ) {}

  onModuleInit(): void {
    this.sections.register({
      key: 'surveyAnswers',
      schema: surveyPersonalDataResponse,
      read: async ({ eventId, registrationId, timezone }) =>
        ownSurveys(await this.repository.ownAnswers(eventId, registrationId), timezone),
    });
    this.erasure.alsoErase((manager, { registrationId }) => this.repository.detachResponses(manager, registrationId));
  }
}

/** The answer rows grouped by survey, in the order the rows come. */
function ownSurveys(rows: OwnAnswerRow[], timezone: string): OwnSurvey[] {
  const surveys = new Map<string, OwnSurvey>();
  for (const row of rows) {
    let survey = surveys.get(row.survey_id);
    if (!survey) {
      survey = { surveyId: row.survey_id, title: row.title, submittedAt: formatInZone(row.submitted_at, timezone), answers: [] };
      surveys.set(row.survey_id, survey);
    }
    if (row.question_id === null || row.prompt === null || row.kind === null) continue;
    survey.answers.push({
      questionId: row.question_id,
      question: row.prompt,
      kind: row.kind,
      rating: row.rating,
      choices: row.choices,
      text: row.text,
    });
  }
  return [...surveys.values()];
}
