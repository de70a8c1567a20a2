import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../platform/http/route-access';
import { RequestPresenterLinkInput, requestPresenterLinkSchema } from './dto/request-presenter-link.dto';
import { RateLimitGuard, RateLimited } from '../platform/http/rate-limit.guard';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { PresenterLinksService } from './presenter-links.service';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { detailSchema } from '../platform/http/openapi/response-fields';

/** A presenter whose link ran out asks for a new one, as an attendee does at `POST /registrations/link`. */
@ApiTags('presenters')
@Controller('presenters')
export class PresenterLinksController {
  constructor(private readonly links: PresenterLinksService) {}

  /** A link for each event the address presents in; the same answer whether or not it presents anywhere. */
  @Post('link')
  @ApiZodResponse(detailSchema, 'Accepted; says nothing of whether the address presents anywhere.')
  @Public()
  @RateLimited()
  @UseGuards(RateLimitGuard)
  @HttpCode(202)
  @ApiZodBody(requestPresenterLinkSchema)
  async requestLink(@ZodBody(requestPresenterLinkSchema) body: RequestPresenterLinkInput) {
    await this.links.resendLinks(body.email);
    return { detail: 'If this address presents in an event, a link to its presenter page is on its way' };
  }
}
