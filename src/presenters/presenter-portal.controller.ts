import { Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentMagicLink, MagicLinkOnly } from '../auth/auth.decorators';
import { MagicLinkPrincipal } from '../auth/principal';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { DeclineInput, PortalPresentationInput, declineSchema, portalPresentationSchema } from './dto/portal-presentation.dto';
import { PresenterPortalService } from './presenter-portal.service';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { biographyResponse, myPresentationsResponse, portalPresentationResponse } from './presenter.response';
import { BiographyInput, biographySchema } from './dto/presenter-biography.dto';

/**
 * The presenter portal, for the token from a presenter invitation sent as a
 * bearer token. Confirming and declining are actions of their own, so an
 * answer is never a side effect of editing the text.
 */
@ApiTags('presenters')
@Controller()
@MagicLinkOnly('presenter')
export class PresenterPortalController {
  constructor(private readonly portal: PresenterPortalService) {}

  @Get('me/presentations')
  @ApiZodResponse(myPresentationsResponse, "The presenter's presentations in the event.")
  mine(@CurrentMagicLink() link: MagicLinkPrincipal) {
    return this.portal.myPresentations(this.portal.presenterOf(link));
  }

  @Put('me/biography')
  @ApiZodResponse(biographyResponse, 'The biography as saved; the public speaker page and schedule.json show it.')
  @ApiZodBody(biographySchema)
  biography(@CurrentMagicLink() link: MagicLinkPrincipal, @ZodBody(biographySchema) body: BiographyInput) {
    return this.portal.setBiography(this.portal.presenterOf(link), body);
  }

  @Patch('presentations/:presentationId')
  @ApiZodResponse(portalPresentationResponse, 'The changed presentation.')
  @ApiZodBody(portalPresentationSchema)
  update(
    @CurrentMagicLink() link: MagicLinkPrincipal,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @ZodBody(portalPresentationSchema) body: PortalPresentationInput,
  ) {
    return this.portal.update(this.portal.presenterOf(link), presentationId, body);
  }

  @Post('presentations/:presentationId/confirm')
  @ApiZodResponse(portalPresentationResponse, 'Confirmed.')
  @HttpCode(200)
  confirm(@CurrentMagicLink() link: MagicLinkPrincipal, @Param('presentationId', new IdParam('presentation')) presentationId: string) {
    return this.portal.respond(this.portal.presenterOf(link), presentationId, 'confirmed', null);
  }

  @Post('presentations/:presentationId/decline')
  @ApiZodResponse(portalPresentationResponse, 'Declined.')
  @HttpCode(200)
  @ApiZodBody(declineSchema)
  decline(
    @CurrentMagicLink() link: MagicLinkPrincipal,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @ZodBody(declineSchema) body: DeclineInput,
  ) {
    return this.portal.respond(this.portal.presenterOf(link), presentationId, 'declined', body.reason ?? null);
  }
}
