import { Injectable } from '@nestjs/common';
import { ZodError } from 'zod';
import { ActedBy, AuditService, actedEntry } from '../audit/audit.service';
import { Event } from '../events/event.entity';
import { readCsv } from '../platform/http/csv-reader';
import { FieldError, Problem } from '../platform/http/problem';
import { fieldErrors } from '../platform/http/zod-validation.pipe';
import { organiserRegisterSchema } from './dto/register.dto';
import { RegistrationsService } from './registrations.service';

/** CSV columns and the fields they fill; the same names the export writes. */
export const IMPORT_COLUMNS: Record<string, string> = {
  name: 'name',
  email: 'email',
  organisation: 'organisation',
  organisation_type: 'organisationType',
  region: 'region',
  country_code: 'countryCode',
  title: 'title',
  language: 'language',
  status: 'status',
};

export interface ImportReport {
  imported: number;
  rejected: Array<{ line: number; email: string | null; errors: FieldError[] }>;
}

/**
 * Organisers' bulk entry: each line is registered on its own, so one bad line
 * is reported and the others still go in.
 */
@Injectable()
export class RegistrationsImportService {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * `onProgress` hears after each line how many are done, for a page that shows a long import advancing.
   * One audit entry says how many lines were registered and skipped, also when the import stops half-way.
   */
  async import(
    event: Event,
    csv: string,
    notify: boolean,
    by: ActedBy,
    onProgress?: (done: number, total: number) => Promise<void> | void,
  ): Promise<ImportReport> {
    const [header, ...lines] = readCsv(csv);
    if (!header) throw Problem.badRequest('The CSV is empty', [{ field: '(body)', message: 'expected a header line and rows' }]);
    const columns = header.fields.map((name) => IMPORT_COLUMNS[name.trim().toLowerCase()]);
    const unknown = header.fields.filter((_, i) => !columns[i]);
    if (unknown.length > 0 || !columns.includes('name') || !columns.includes('email')) {
      throw Problem.badRequest(`The header must name columns among ${Object.keys(IMPORT_COLUMNS).join(', ')}, including name and email`, [
        ...unknown.map((name) => ({ field: name, message: 'is not a known column' })),
      ]);
    }
    const report: ImportReport = { imported: 0, rejected: [] };
    // Each line commits on its own, so lines registered before a failure stay and the entry must count them.
    let failedAtLine: number | null = null;
    try {
      for (const [index, { line, fields }] of lines.entries()) {
        failedAtLine = line;
        if (index > 0) await onProgress?.(index, lines.length);
        const row: Record<string, unknown> = { notify };
        columns.forEach((column, i) => {
          const value = fields[i]?.trim();
          if (value) row[column] = value;
        });
        const email = typeof row.email === 'string' ? row.email : null;
        try {
          await this.registrations.registerByOrganiser(event, organiserRegisterSchema.parse(row), 'import');
          report.imported += 1;
        } catch (error) {
          if (error instanceof ZodError) report.rejected.push({ line, email, errors: fieldErrors(error) });
          else if (error instanceof Problem)
            report.rejected.push({ line, email, errors: error.errors ?? [{ field: '(line)', message: error.detail }] });
          else throw error;
        }
      }
      failedAtLine = null;
    } finally {
      const counts = { created: report.imported, skipped: report.rejected.length, notify };
      await this.audit.record(
        actedEntry(by, {
          eventId: event.id,
          action: 'registrations.imported',
          subject: { type: 'registrations', id: null },
          details: failedAtLine === null ? counts : { ...counts, failedAtLine },
        }),
      );
    }
    return report;
  }
}
