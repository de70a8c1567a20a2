import { Controller, Get, Header, HttpCode, Param, Post, Put, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentMagicLink, MagicLinkOnly } from '../auth/auth.decorators';
import { MagicLinkPrincipal } from '../auth/principal';
import { ApiFileResponse, ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { RateLimitGuard, RateLimited } from '../platform/http/rate-limit.guard';
import { Public } from '../platform/http/route-access';
import { ApiZodBody, ZodBody, ZodQuery } from '../platform/http/zod-body.decorator';
import { z } from 'zod';
import {
  LetterRequestInput,
  PassportCheckInput,
  letterRequestSchema,
  letterVerificationQuerySchema,
  passportCheckSchema,
} from './dto/letter.dto';
import { myLetterView } from './letter.view';
import { letterVerificationResponse, myLetterResponse, passportCheckResponse } from './letters.response';
import { LettersService } from './letters.service';
import { pdfDisposition } from './pdf-disposition';

/** The attendee's own letter, with the link from their email (the token as Bearer). */
@ApiTags('letters')
@Controller('registrations/me')
export class MyLetterController {
  constructor(private readonly letters: LettersService) {}

  @Get('letter')
  @ApiZodResponse(myLetterResponse, "The attendee's letter request; 404 when they asked for none.")
  @MagicLinkOnly('registration')
  async mine(@CurrentMagicLink() link: MagicLinkPrincipal) {
    return myLetterView(await this.letters.mine(link.eventId as string, link.subjectId));
  }

  /** Asks for a visa invitation letter, or corrects a request not yet issued (a rejected one is asked again). */
  @Put('letter')
  @ApiZodResponse(myLetterResponse, 'The request, waiting for the organisers.')
  @MagicLinkOnly('registration')
  @ApiZodBody(letterRequestSchema)
  async request(@CurrentMagicLink() link: MagicLinkPrincipal, @ZodBody(letterRequestSchema) body: LetterRequestInput) {
    return myLetterView(await this.letters.request(link.eventId as string, link.subjectId, body));
  }

  @Get('letter.pdf')
  @ApiFileResponse('application/pdf', 'The issued letter; 409 until it is issued.')
  @MagicLinkOnly('registration')
  @Header('Cache-Control', 'no-store')
  async pdf(@CurrentMagicLink() link: MagicLinkPrincipal) {
    const pdf = await this.letters.myPdf(link.eventId as string, link.subjectId);
    return new StreamableFile(pdf.bytes, { type: 'application/pdf', disposition: pdfDisposition(pdf.fileName) });
  }
}

/** What a consulate checks, with the token printed in the letter's verification URL. */
@ApiTags('letters')
@Controller('letters/:reference')
export class LetterVerificationController {
  constructor(private readonly letters: LettersService) {}

  @Get('verification')
  @ApiZodResponse(letterVerificationResponse, 'The letter: valid or revoked. 404 for any other token.')
  @Public()
  @RateLimited()
  @UseGuards(RateLimitGuard)
  async verification(
    @Param('reference') reference: string,
    @ZodQuery(letterVerificationQuerySchema) query: z.infer<typeof letterVerificationQuerySchema>,
  ) {
    const { timezone: _, ...verification } = await this.letters.verification(reference, query.t);
    return verification;
  }

  /** Whether a passport number is the one the letter was issued for; the number itself is never shown. */
  @Post('passport-check')
  @HttpCode(200)
  @ApiZodResponse(passportCheckResponse, 'Match or not.', 200)
  @Public()
  @RateLimited()
  @UseGuards(RateLimitGuard)
  @ApiZodBody(passportCheckSchema)
  checkPassport(@Param('reference') reference: string, @ZodBody(passportCheckSchema) body: PassportCheckInput) {
    return this.letters.checkPassport(reference, body.token, body.passportNumber);
  }
}
