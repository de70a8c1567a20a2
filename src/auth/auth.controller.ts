import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Problem } from '../platform/http/problem';
import { RateLimitGuard, RateLimited } from '../platform/http/rate-limit.guard';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { Public } from '../platform/http/route-access';
import { CurrentOrganiser } from './auth.decorators';
import { LoginInput, loginSchema } from './dto/login.dto';
import { RequestPasswordResetInput, SetPasswordInput, requestPasswordResetSchema, setPasswordSchema } from './dto/password.dto';
import { LoginService } from './login.service';
import { OrganisersService } from './organisers.service';
import { OrganiserPrincipal } from './principal';
import { loginResponse, organiserResponse } from './organiser.response';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { detailSchema } from '../platform/http/openapi/response-fields';

@ApiTags('auth')
@Controller('auth')
@UseGuards(RateLimitGuard)
export class AuthController {
  constructor(
    private readonly organisers: OrganisersService,
    private readonly logins: LoginService,
  ) {}

  @Post('login')
  @ApiZodResponse(loginResponse, 'A login token.')
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiZodBody(loginSchema)
  async login(@ZodBody(loginSchema) body: LoginInput) {
    const organiser = await this.organisers.verifyCredentials(body.email, body.password);
    if (!organiser) throw Problem.unauthorized('The email address or password is wrong');
    const { token, expiresAt } = await this.logins.start(organiser.id);
    return { token, expiresAt: expiresAt.toISOString() };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentOrganiser() me: OrganiserPrincipal): Promise<void> {
    await this.logins.end(me.sessionId);
  }

  @Get('me')
  @ApiZodResponse(organiserResponse, 'The logged-in organiser.')
  me(@CurrentOrganiser() me: OrganiserPrincipal) {
    return this.organisers.view(me.organiserId);
  }

  @Post('password-reset')
  @ApiZodResponse(detailSchema, 'Accepted; says nothing of whether the address has an account.')
  @Public()
  @RateLimited()
  @HttpCode(202)
  @ApiZodBody(requestPasswordResetSchema)
  async requestPasswordReset(@ZodBody(requestPasswordResetSchema) body: RequestPasswordResetInput) {
    await this.organisers.requestPasswordReset(body.email);
    return { detail: 'If an organiser account uses this address, a link to choose a new password is on its way' };
  }

  /** Completes a reset or an invitation: both arrive as an emailed link. */
  @Post('password')
  @ApiZodResponse(organiserResponse, 'The account, with its new password.')
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiZodBody(setPasswordSchema)
  setPassword(@ZodBody(setPasswordSchema) body: SetPasswordInput) {
    return this.organisers.setPasswordWithToken(body.token, body.password);
  }
}
