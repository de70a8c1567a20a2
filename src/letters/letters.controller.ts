import {
  Controller,
  Delete,
  HttpStatus,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  Req,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { organiserActor } from '../audit/audit.service';
import { CurrentOrganiser } from '../auth/auth.decorators';
import { OrganiserPrincipal } from '../auth/principal';
import { EventAccessGuard, OwnersOnly } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiFileResponse, ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { Problem } from '../platform/http/problem';
import { XLSX_TYPE, downloadQuerySchema, sendTable } from '../platform/http/table-download';
import { ApiZodBody, ZodBody, ZodQuery } from '../platform/http/zod-body.decorator';
import {
  BulkLetterInput,
  LetterSettingsInput,
  RejectLetterInput,
  RevokeLetterInput,
  bulkLetterSchema,
  letterSettingsSchema,
  rejectLetterSchema,
  revokeLetterSchema,
} from './dto/letter.dto';
import { letterRequestView } from './letter.view';
import {
  LETTER_STATUSES,
  bulkLetterResponse,
  letterAccessLogResponse,
  letterRequestPageResponse,
  letterRequestResponse,
  letterSettingsResponse,
} from './letters.response';
import { LettersService, SIGNATURE_MAX_BYTES, signatureTooLarge } from './letters.service';
import { pdfDisposition } from './pdf-disposition';

const listQuerySchema = z.strictObject({
  status: z.enum(LETTER_STATUSES, { message: `expected one of ${LETTER_STATUSES.join(', ')}` }).optional(),
});
const exportQuerySchema = downloadQuerySchema.extend({
  format: z.enum(['csv', 'xlsx'], { message: 'expected csv or xlsx' }).default('csv'),
});

/** The event's organisers review visa invitation letter requests; every read of passport data is logged. */
@ApiTags('letters')
@Controller('events/:eventId')
@UseGuards(EventAccessGuard)
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  @Get('letters')
  @ApiZodResponse(letterRequestPageResponse, "The event's letter requests, oldest first.")
  async list(
    @Param('eventId') eventId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
    @ZodQuery(listQuerySchema) query: z.infer<typeof listQuerySchema>,
  ) {
    const items = await this.letters.list(eventId, me.organiserId, query.status);
    return {
      items: items.map((entry) => letterRequestView(entry, this.letters.verificationUrl(entry.row))),
      nextCursor: null,
    };
  }

  @Post('letters/bulk')
  @HttpCode(200)
  @ApiZodResponse(bulkLetterResponse, 'What happened to each letter; one that could not be approved says why.')
  @ApiZodBody(bulkLetterSchema)
  bulk(@Param('eventId') eventId: string, @CurrentOrganiser() me: OrganiserPrincipal, @ZodBody(bulkLetterSchema) body: BulkLetterInput) {
    return this.letters.bulk(eventId, body, me.organiserId, { actor: organiserActor(me) });
  }

  /** The passport data of every request as CSV or xlsx: owners only, on purpose, and logged for each request. */
  @Get('letters/export')
  @OwnersOnly()
  @ApiFileResponse('text/csv', 'The requests as CSV (a UTF-8 BOM with `download=1`); the passport number masked.')
  @ApiFileResponse(XLSX_TYPE, 'With `format=xlsx`: the same rows as a spreadsheet.')
  async export(
    @Param('eventId') eventId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
    @ZodQuery(exportQuerySchema) query: z.infer<typeof exportQuerySchema>,
    @Res() res: Response,
  ) {
    await sendTable(res, query.format, await this.letters.exportTable(eventId, me.organiserId, { actor: organiserActor(me) }), {
      forPeople: query.download,
    });
  }

  /** Who read or changed passport data of the event's letters (owners only). */
  @Get('letters/access-log')
  @OwnersOnly()
  @ApiZodResponse(letterAccessLogResponse, 'The latest 1000 accesses, newest first.')
  async accessLog(@Param('eventId') eventId: string) {
    return { items: await this.letters.accessLog(eventId) };
  }

  @Get('letters/:letterId')
  @ApiZodResponse(letterRequestResponse, 'The letter request.')
  async get(
    @Param('eventId') eventId: string,
    @Param('letterId', new IdParam('letter request')) letterId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    const entry = await this.letters.get(eventId, letterId, me.organiserId);
    return letterRequestView(entry, this.letters.verificationUrl(entry.row));
  }

  /** Issues the letter (confirmed registrations only, else 409) and emails it to the attendee as a PDF. */
  @Post('letters/:letterId/approve')
  @HttpCode(200)
  @ApiZodResponse(letterRequestResponse, 'The letter, issued.')
  async approve(
    @Param('eventId') eventId: string,
    @Param('letterId', new IdParam('letter request')) letterId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    const entry = await this.letters.approve(eventId, letterId, me.organiserId, { actor: organiserActor(me) });
    return letterRequestView(entry, this.letters.verificationUrl(entry.row));
  }

  @Post('letters/:letterId/reject')
  @HttpCode(200)
  @ApiZodResponse(letterRequestResponse, 'The request, rejected with the reason the attendee sees.')
  @ApiZodBody(rejectLetterSchema)
  async reject(
    @Param('eventId') eventId: string,
    @Param('letterId', new IdParam('letter request')) letterId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
    @ZodBody(rejectLetterSchema) body: RejectLetterInput,
  ) {
    const entry = await this.letters.reject(eventId, letterId, me.organiserId, body.reason, { actor: organiserActor(me) });
    return letterRequestView(entry, this.letters.verificationUrl(entry.row));
  }

  @Post('letters/:letterId/revoke')
  @HttpCode(200)
  @ApiZodResponse(letterRequestResponse, 'The letter, revoked: its verification page says so.')
  @ApiZodBody(revokeLetterSchema)
  async revoke(
    @Param('eventId') eventId: string,
    @Param('letterId', new IdParam('letter request')) letterId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
    @ZodBody(revokeLetterSchema) body: RevokeLetterInput,
  ) {
    const entry = await this.letters.revoke(eventId, letterId, me.organiserId, body.reason ?? null, { actor: organiserActor(me) });
    return letterRequestView(entry, this.letters.verificationUrl(entry.row));
  }

  @Get('letters/:letterId/pdf')
  @ApiFileResponse('application/pdf', 'The issued letter.')
  @Header('Content-Type', 'application/pdf')
  @Header('Cache-Control', 'no-store')
  async pdf(
    @Param('eventId') eventId: string,
    @Param('letterId', new IdParam('letter request')) letterId: string,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    const pdf = await this.letters.organiserPdf(eventId, letterId, me.organiserId);
    return new StreamableFile(pdf.bytes, { type: 'application/pdf', disposition: pdfDisposition(pdf.fileName) });
  }

  @Get('letter-settings')
  @ApiZodResponse(letterSettingsResponse, "What the event's letters print: letterhead and signatory.")
  settings(@Param('eventId') eventId: string) {
    return this.letters.settings(eventId);
  }

  @Put('letter-settings')
  @ApiZodResponse(letterSettingsResponse, 'The settings, saved.')
  @ApiZodBody(letterSettingsSchema)
  saveSettings(@Param('eventId') eventId: string, @ZodBody(letterSettingsSchema) body: LetterSettingsInput) {
    return this.letters.saveSettings(eventId, body);
  }

  /** The signatory's signature as a PNG (the request body, `Content-Type: image/png`, at most 512 KB). */
  @Put('letter-settings/signature')
  @ApiConsumes('image/png')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiZodResponse(letterSettingsResponse, 'The settings, with the image.')
  async saveSignature(@Param('eventId') eventId: string, @Req() req: Request) {
    if (!req.is('image/png')) {
      throw new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Send the signature as the body, Content-Type image/png', [
        { field: 'body', message: 'expected image/png' },
      ]);
    }
    return this.letters.saveSignature(eventId, await readBody(req, SIGNATURE_MAX_BYTES));
  }

  @Delete('letter-settings/signature')
  @ApiZodResponse(letterSettingsResponse, 'The settings, without an image.')
  deleteSignature(@Param('eventId') eventId: string) {
    return this.letters.deleteSignature(eventId);
  }
}

async function readBody(req: Request, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw signatureTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
