import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Tx, TransactionService } from '../platform/database/transaction.service';
import { sql } from '../platform/database/sql';
import { Problem } from '../platform/http/problem';
import { OutboxService } from '../platform/mail/outbox.service';
import { LoginService } from './login.service';
import { MagicLinkService } from './magic-link.service';
import { organiserInvitationTemplate } from './mail/organiser-invitation.template';
import { passwordResetTemplate } from './mail/password-reset.template';
import { Organiser } from './organiser.entity';
import { insertOrganiser } from './organiser-accounts';
import { hashPassword, verifyPassword } from './password-hasher';

/** Password links are short-lived: they open an account, unlike attendee links. */
const PASSWORD_LINK_TTL_MS = 24 * 3_600_000;

export interface OrganiserView {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  hasPassword: boolean;
  createdAt: string;
}

@Injectable()
export class OrganisersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: TransactionService,
    private readonly magicLinks: MagicLinkService,
    private readonly outbox: OutboxService,
    private readonly logins: LoginService,
  ) {}

  async create(input: { email: string; name: string; password: string; isAdmin: boolean }): Promise<OrganiserView> {
    const id = await insertOrganiser(this.db.manager, input);
    if (!id) throw Problem.conflict(`An organiser account with the address ${input.email} already exists`);
    return this.view(id);
  }

  /**
   * The first account, created once at first boot. Holding an advisory lock
   * makes two processes booting together create one administrator.
   */
  async createFirstAdmin(input: { email: string; name: string; password: string }): Promise<boolean> {
    const passwordHash = await hashPassword(input.password);
    return this.transactions.run(async ({ manager }) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('plenary:first-admin'))`);
      const { rows } = await sql(
        manager,
        `INSERT INTO organisers (email, name, password_hash, is_admin)
         SELECT $1, $2, $3, true WHERE NOT EXISTS (SELECT 1 FROM organisers)
         RETURNING id`,
        [input.email.toLowerCase(), input.name, passwordHash],
      );
      return rows.length > 0;
    });
  }

  async verifyCredentials(email: string, password: string): Promise<Organiser | null> {
    const organiser = await this.db
      .getRepository(Organiser)
      .createQueryBuilder('o')
      .addSelect('o.passwordHash')
      .where('o.email = :email', { email: email.toLowerCase() })
      .getOne();
    // Hash anyway when the account is unknown, so timing does not reveal which addresses exist.
    const ok = await verifyPassword(password, organiser?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AA==');
    return ok && organiser ? organiser : null;
  }

  async findByEmail(email: string, manager: EntityManager = this.db.manager): Promise<Organiser | null> {
    return manager.findOne(Organiser, { where: { email: email.toLowerCase() } });
  }

  async findById(id: string, manager: EntityManager = this.db.manager): Promise<Organiser | null> {
    return manager.findOne(Organiser, { where: { id } });
  }

  async list(): Promise<OrganiserView[]> {
    const rows = await this.db
      .getRepository(Organiser)
      .createQueryBuilder('o')
      .addSelect('o.passwordHash')
      .orderBy('o.createdAt', 'ASC')
      .getMany();
    return rows.map(toView);
  }

  async view(id: string): Promise<OrganiserView> {
    const organiser = await this.db
      .getRepository(Organiser)
      .createQueryBuilder('o')
      .addSelect('o.passwordHash')
      .where('o.id = :id', { id })
      .getOneOrFail();
    return toView(organiser);
  }

  /**
   * Finds the account for an address or creates one without a password and
   * emails an invitation to set it, inside the caller's transaction.
   */
  async findOrInvite(
    tx: Tx,
    input: { email: string; eventId: string; eventTitle: string; role: string; invitedBy: string },
  ): Promise<{ organiser: Organiser; invited: boolean }> {
    const email = input.email.toLowerCase();
    const { rows } = await sql<{ id: string }>(
      tx.manager,
      `INSERT INTO organisers (email, name) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, email.split('@')[0]],
    );
    const organiser = await tx.manager.findOneOrFail(Organiser, { where: { email } });
    if (rows.length === 0) return { organiser, invited: false };
    const { token } = await this.magicLinks.issue(
      tx.manager,
      { type: 'organiser-password', id: organiser.id, eventId: input.eventId },
      PASSWORD_LINK_TTL_MS,
    );
    await this.outbox.enqueue(tx, {
      eventId: input.eventId,
      dedupeKey: `organiser-invitation:${organiser.id}`,
      to: { address: email },
      template: organiserInvitationTemplate,
      params: {
        invitedBy: input.invitedBy,
        eventTitle: input.eventTitle,
        role: input.role,
        link: this.magicLinks.link('/set-password', token),
        expiresInHours: PASSWORD_LINK_TTL_MS / 3_600_000,
      },
    });
    return { organiser, invited: true };
  }

  /** Emails a reset link when the address has an account; says nothing either way. */
  async requestPasswordReset(email: string): Promise<void> {
    const organiser = await this.findByEmail(email);
    if (!organiser) return;
    const subject = { type: 'organiser-password' as const, id: organiser.id };
    await this.transactions.run(async (tx) => {
      if (!(await this.magicLinks.claimResend(subject, tx.manager))) return;
      const { token, tokenId } = await this.magicLinks.issue(tx.manager, subject, PASSWORD_LINK_TTL_MS);
      await this.outbox.enqueue(tx, {
        dedupeKey: `password-reset:${tokenId}`,
        to: { address: organiser.email, name: organiser.name },
        template: passwordResetTemplate,
        params: {
          name: organiser.name,
          link: this.magicLinks.link('/reset-password', token),
          expiresInHours: PASSWORD_LINK_TTL_MS / 3_600_000,
        },
      });
    });
  }

  /** Sets the password from an emailed link (reset or invitation); the link then stops working. */
  async setPasswordWithToken(token: string, password: string): Promise<OrganiserView> {
    const passwordHash = await hashPassword(password);
    const organiserId = await this.transactions.run(async ({ manager }) => {
      const link = await this.magicLinks.verify(token, manager);
      if (!link || link.subject.type !== 'organiser-password') {
        throw Problem.badRequest('The link is invalid, expired or already used; ask for a new one', [
          { field: 'token', message: 'invalid, expired or already used' },
        ]);
      }
      await manager.update(Organiser, { id: link.subject.id }, { passwordHash });
      await this.magicLinks.revokeAll(link.subject, manager);
      return link.subject.id;
    });
    await this.logins.endAll(organiserId);
    return this.view(organiserId);
  }
}

function toView(o: Organiser): OrganiserView {
  return {
    id: o.id,
    email: o.email,
    name: o.name,
    isAdmin: o.isAdmin,
    hasPassword: Boolean(o.passwordHash),
    createdAt: o.createdAt.toISOString(),
  };
}
