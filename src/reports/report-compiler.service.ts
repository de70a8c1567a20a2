import { Injectable } from '@nestjs/common';
import { localDatesBetween } from '../platform/time/zoned-time';
import { ReportData, StepRows, assembleReport } from './report-data';
import { ReportStep, reportQueries } from './report-queries';
import { ReportReadModelsRepository } from './report-read-models.repository';

export type ProgressListener = (progress: number, step: ReportStep) => Promise<void>;

/** Progress while the statements run: 5 at the start, 90 after the last one; the rest is rendering and storing. */
const FIRST = 5;
const LAST = 90;

/**
 * Runs the report's statements one after another (each on its own, outside
 * any transaction: the embedded database serialises its connections, so a
 * long transaction would hold up every request), then assembles the data.
 */
@Injectable()
export class ReportCompilerService {
  constructor(private readonly readModels: ReportReadModelsRepository) {}

  async compile(eventId: string, onProgress: ProgressListener = async () => undefined): Promise<ReportData> {
    const event = await this.readModels.event(eventId);
    if (!event) throw new Error(`event ${eventId} no longer exists`);
    const days = localDatesBetween(new Date(event.starts_at), new Date(event.ends_at), event.timezone).length;
    const queries = reportQueries(event, days);
    const rows = {} as StepRows;
    for (const [i, query] of queries.entries()) {
      rows[query.name] = await this.readModels.rows<StepRows[ReportStep][number]>(query);
      await onProgress(Math.round(FIRST + ((LAST - FIRST) * (i + 1)) / queries.length), query.name);
    }
    return assembleReport(event, rows);
  }
}
