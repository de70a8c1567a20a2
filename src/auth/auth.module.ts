import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { FirstAdminService } from './first-admin.service';
import { LoginSession } from './login-session.entity';
import { LoginService } from './login.service';
import { LoginSessionsRepository } from './login-sessions.repository';
import { MagicLinkResend } from './magic-link-resend.entity';
import { MagicLinkToken } from './magic-link-token.entity';
import { MagicLinkService } from './magic-link.service';
import { MagicLinkTokensRepository } from './magic-link-tokens.repository';
import { Organiser } from './organiser.entity';
import { OrganisersController } from './organisers.controller';
import { OrganisersRepository } from './organisers.repository';
import { OrganisersService } from './organisers.service';
import { PruneTokensProcessor } from './prune-tokens.processor';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Organiser, LoginSession, MagicLinkToken, MagicLinkResend])],
  controllers: [AuthController, OrganisersController],
  providers: [
    LoginSessionsRepository,
    MagicLinkTokensRepository,
    OrganisersRepository,
    LoginService,
    MagicLinkService,
    PruneTokensProcessor,
    OrganisersService,
    FirstAdminService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [MagicLinkService, OrganisersService, LoginService],
})
export class AuthModule {}
