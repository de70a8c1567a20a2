import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Tx, TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { OutboxService } from '../platform/mail/outbox.service';
import { LoginService } from './login.service';
import { MagicLinkService } from './magic-link.service';
import { organiserInvitationTemplate } from './mail/organiser-invitation.template';
import { passwordResetTemplate } from './mail/password-reset.template';
import { Organiser } from './organiser.entity';
import { OrganisersRepository } from './organisers.repository';
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
    private readonly organisers: OrganisersRepository,
    private readonly transactions: TransactionService,
    private readonly magicLinks: MagicLinkService,
    private readonly outbox: OutboxService,
    private readonly logins: LoginService,
  ) {}

  async create(input: { email: string; name: string; password: string; isAdmin: boolean }): Promise<OrganiserView> {
    const id = await this.organisers.insert(input);
    if (!id) throw Problem.conflict(`An organiser account with the address ${input.email} already exists`);
    return this.view(id);
  }

  /**
   * The first account, created once at first boot. Holding an advisory lock
   * makes two processes booting together create one administrator.
   */
  async createFirstAdmin(input: { email: string; name: string; password: string }): Promise<boolean> {
    const passwordHash = await hashPassword(input.password);
    return this.transactions.run(({ manager }) =>
      this.organisers.insertFirstAdmin(manager, { email: input.email.toLowerCase(), name: input.name, passwordHash }),
    );
  }

  async verifyCredentials(email: string, password: string): Promise<Organiser | null> {
    const organiser = await this.organisers.findWithHashByEmail(email.toLowerCase());
    // Hash anyway when the account is unknown, so timing does not reveal which addresses exist.
    const ok = await verifyPassword(password, organiser?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AA==');
    return ok && organiser ? organiser : null;
  }

  async findByEmail(email: string, manager: EntityManager = this.organisers.manager): Promise<Organiser | null> {
    return this.organisers.findByEmail(manager, email.toLowerCase());
  }

  async findById(id: string, manager: EntityManager = this.organisers.manager): Promise<Organiser | null> {
    return this.organisers.findById(manager, id);
  }

  async list(): Promise<OrganiserView[]> {
    const rows = await this.organisers.listWithHash();
    return rows.map(toView);
  }

  async view(id: string): Promise<OrganiserView> {
    const organiser = await this.organisers.getWithHash(id);
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
    const inserted = await this.organisers.insertInvited(tx.manager, email, email.split('@')[0]);
    const organiser = await this.organisers.getByEmail(tx.manager, email);
    if (!inserted) return { organiser, invited: false };
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
      await this.organisers.setPasswordHash(manager, link.subject.id, passwordHash);
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
