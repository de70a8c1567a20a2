import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { OrganisersService } from './organisers.service';

const DEFAULT_ADMIN_EMAIL = 'admin@plenary.localhost';

/**
 * Creates the first administrator on first boot, from PLENARY_ADMIN_EMAIL and
 * PLENARY_ADMIN_PASSWORD or with a generated password printed once.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organisers: OrganisersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'worker') return;
    const email = this.config.admin.email ?? DEFAULT_ADMIN_EMAIL;
    const generated = !this.config.admin.password;
    const password = this.config.admin.password ?? randomBytes(12).toString('base64url');
    const created = await this.organisers.createFirstAdmin({ email, name: 'Administrator', password });
    if (!created) return;
    if (generated) {
      // Printed once, on stdout, so the person starting Plenary can log in.
      process.stdout.write(
        `\nPlenary created the first administrator:\n  email:    ${email}\n  password: ${password}\nIt is not shown again; change it with "npm run cli -- reset-password --email ${email}".\n\n`,
      );
    }
    this.logger.log(`first administrator ${email} created`);
  }
}
