import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { User } from './user.entity.js';
import { LoginThrottle } from './login-throttle.entity.js';
import { reserveAttempt } from './login-lockout.js';
import { RateLimits } from '../access/rate-limits.js';
import { Role, type Principal } from '../access/role.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import { signAccessToken } from './token-signing.js';
import { accessTokenKey } from '../access/tokens.js';
import { userStatusChangeRefusal } from './user-management.js';
import type { KeyObject } from 'node:crypto';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { Organization, OrganizationKind } from '../organizations/organization.entity.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { AuditService } from '../audit/audit.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { isWithin } from '../locality/region-codes.js';
import type { ChangePasswordInput, CreateOrganizationInput, CreateUserInput, LoginInput, NewUserInput, RegisterInput } from './dto/auth.inputs.js';

/** Each kind of organisation has one role for its users. */
export const ROLE_OF_KIND: Record<OrganizationKind, Role> = {
  [OrganizationKind.OEM]: Role.OEM_BUYER,
  [OrganizationKind.SUPPLIER]: Role.SUPPLIER_ADMIN,
  [OrganizationKind.BUREAU]: Role.BUREAU_ANALYST,
  [OrganizationKind.PLATFORM]: Role.PLATFORM_ADMIN,
};

export interface Session {
  token: string;
  expiresAt: Date;
  user: User;
}

export function principalOf(user: User): Principal {
  return { userId: user.id, role: user.role, organizationId: user.organizationId, orgAdmin: user.orgAdmin, jurisdictionCode: user.jurisdictionCode };
}

@Injectable()
export class AuthService {
  private readonly tokenKey: KeyObject;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organizations: OrganizationsService,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimits,
  ) {
    this.tokenKey = accessTokenKey(config.jwtSecret);
  }

  /**
   * Signs in. Attempts are limited per client address (counted in PostgreSQL for every
   * process on the database, rate-limits.ts); after LOCKOUT_AFTER failures in a row
   * an e-mail is locked for 15 minutes, doubling with each further failure (up to a day). Each
   * attempt is counted before its password is checked (login-lockout.ts), so that parallel
   * guesses cannot outrun the lock.
   */
  async login(input: LoginInput, clientAddress: string): Promise<Session> {
    const wait = await this.rateLimits.hit([{ key: `login:${clientAddress}`, limit: this.config.loginRateLimitPerIp }]);
    if (wait > 0) throw AppError.rateLimited(`Too many sign-in attempts from this address: retry in ${wait} s`);
    const email = input.email.trim().toLowerCase();
    const lockedUntil = await this.reserveAttempt(email);
    if (lockedUntil) throw AppError.rateLimited(`Too many failed sign-ins: this e-mail is locked until ${lockedUntil.toISOString()}`);
    const user = await this.dataSource.getRepository(User).findOneBy({ email });
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
    if (!user || !ok) throw AppError.unauthenticated('Wrong e-mail or password');
    await this.dataSource.getRepository(LoginThrottle).delete({ email });
    // Said only to whom knows the password.
    if (!user.active) throw AppError.unauthenticated('This account is disabled');
    return this.session(user);
  }

  /** Counts an attempt under the row's lock; the lock's end when the e-mail is locked, else null. */
  private async reserveAttempt(email: string): Promise<Date | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO login_throttles (email, failures, last_failure_at) VALUES ($1, 0, now()) ON CONFLICT (email) DO NOTHING`, [email]);
      const [row] = await manager.query<{ failures: number; locked_until: Date | null; last_failure_at: Date; now: Date }[]>(
        `SELECT failures, locked_until, last_failure_at, now() AS now FROM login_throttles WHERE email = $1 FOR UPDATE`,
        [email],
      );
      const state = row.failures === 0 ? null : { failures: row.failures, lockedUntil: row.locked_until, lastFailureAt: row.last_failure_at };
      const reservation = reserveAttempt(state, row.now);
      if (!reservation.allowed) return reservation.lockedUntil;
      const { failures, lockedUntil, lastFailureAt } = reservation.next;
      await manager.query(`UPDATE login_throttles SET failures = $2, locked_until = $3, last_failure_at = $4 WHERE email = $1`, [email, failures, lockedUntil, lastFailureAt]);
      return null;
    });
  }

  async me(principal: Principal): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: principal.userId });
    if (!user) throw AppError.unauthenticated('This account no longer exists');
    return user;
  }

  /**
   * Changes the signed-in user's password: the current one is required (and a wrong one counts
   * towards the e-mail's lockout, like a failed sign-in); every earlier token of the user stops
   * working, and the answer carries a new one.
   */
  async changePassword(principal: Principal, input: ChangePasswordInput): Promise<Session> {
    const current = await this.me(principal);
    const lockedUntil = await this.reserveAttempt(current.email);
    if (lockedUntil) throw AppError.rateLimited(`Too many failed attempts: this e-mail is locked until ${lockedUntil.toISOString()}`);
    if (!(await verifyPassword(current.passwordHash, input.currentPassword))) throw AppError.badInput('input.currentPassword', 'is not your current password');
    await this.dataSource.getRepository(LoginThrottle).delete({ email: current.email });
    const passwordHash = await hashPassword(input.newPassword);
    const user = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<[{ token_version: number }[], number]>(
        `UPDATE users SET password_hash = $2, token_version = token_version + 1 WHERE id = $1 AND active RETURNING token_version`,
        [current.id, passwordHash],
      );
      if (rows[1] !== 1) throw AppError.unauthenticated('This account is disabled');
      await this.audit.record(manager, principal, {
        action: 'user.password_change', entityType: 'User', entityId: current.id,
        before: { tokenVersion: current.tokenVersion }, after: { tokenVersion: rows[0][0].token_version },
      });
      return manager.findOneByOrFail(User, { id: current.id });
    });
    return this.session(user);
  }

  /**
   * Disables or re-enables a user: a platform admin anyone, an organisation's admin its own
   * organisation's users. Disabling revokes every token of the user at once (its token version
   * moves on) and refuses its sign-ins; re-enabling lets it sign in again (old tokens stay dead).
   */
  async setUserActive(actor: Principal, userId: string, active: boolean): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const target = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!target) throw AppError.notFound('User');
      const refusal = userStatusChangeRefusal(actor, target, active);
      if (refusal === 'FORBIDDEN') throw AppError.forbidden('Only an administrator of this user\'s organisation may change its status');
      if (refusal === 'SELF') throw AppError.badInput('input.userId', 'you cannot disable yourself');
      if (target.active === active) return target;
      const before = { active: target.active, tokenVersion: target.tokenVersion };
      await manager.query(
        `UPDATE users SET active = $2, token_version = token_version + CASE WHEN $2 THEN 0 ELSE 1 END WHERE id = $1`,
        [target.id, active],
      );
      const user = await manager.findOneByOrFail(User, { id: target.id });
      await this.audit.record(manager, actor, {
        action: active ? 'user.enable' : 'user.disable', entityType: 'User', entityId: user.id,
        before, after: { active: user.active, tokenVersion: user.tokenVersion },
      });
      return user;
    });
  }

  /** Self-service sign-up of an OEM or supplier: an unverified organisation and its administrator. */
  async register(input: RegisterInput): Promise<Session> {
    const user = await this.dataSource.transaction(async (manager) => {
      const organization = await this.organizations.insert(
        manager,
        null,
        { kind: input.organizationKind, legalName: input.legalName, creditCode: input.creditCode, verified: false },
        'input.',
      );
      return this.insertUser(manager, null, organization, input, { orgAdmin: true, jurisdictionCode: null }, 'input.');
    });
    return this.session(user);
  }

  /** A platform admin onboards an organisation with its first user, who administers it. */
  async createOrganization(actor: Principal, input: CreateOrganizationInput): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await this.organizations.insert(
        manager,
        actor,
        { kind: input.kind, legalName: input.legalName, nameEn: input.nameEn, creditCode: input.creditCode, jurisdictionCode: input.jurisdictionCode, verified: true },
        'input.',
      );
      await this.insertUser(manager, actor, organization, input.admin, { orgAdmin: true, jurisdictionCode: organization.jurisdictionCode }, 'input.admin.');
      return organization;
    });
  }

  /** A platform admin adds a user anywhere; an organisation's admin, to its own organisation only. */
  async createUser(actor: Principal, input: CreateUserInput): Promise<User> {
    const organizationId = input.organizationId ?? actor.organizationId;
    const allowed = actor.role === Role.PLATFORM_ADMIN || (actor.orgAdmin && actor.organizationId === organizationId);
    if (!allowed) throw AppError.forbidden('Only an administrator of this organisation may add its users');
    const organization = await this.organizations.get(organizationId);
    let jurisdictionCode: string | null = null;
    if (organization.kind === OrganizationKind.BUREAU) {
      const bureauArea = organization.jurisdictionCode as string;
      jurisdictionCode = input.jurisdictionCode ?? bureauArea;
      await this.regions.get(jurisdictionCode, 'input.jurisdictionCode');
      if (!isWithin(jurisdictionCode, bureauArea)) throw AppError.badInput('input.jurisdictionCode', `must lie within the bureau's jurisdiction ${bureauArea}`);
    } else if (input.jurisdictionCode) {
      throw AppError.badInput('input.jurisdictionCode', 'only bureau analysts have a jurisdiction');
    }
    return this.dataSource.transaction((manager) =>
      this.insertUser(manager, actor, organization, input, { orgAdmin: input.orgAdmin, jurisdictionCode }, 'input.'),
    );
  }

  private async insertUser(
    manager: EntityManager,
    actor: Principal | null,
    organization: Organization,
    input: NewUserInput,
    extra: { orgAdmin: boolean; jurisdictionCode: string | null },
    prefix: string,
  ): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (await manager.existsBy(User, { email })) throw AppError.conflict(`The e-mail ${email} is already registered`);
    const user = manager.create(User, {
      email,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName.trim(),
      role: ROLE_OF_KIND[organization.kind],
      organizationId: organization.id,
      orgAdmin: extra.orgAdmin,
      jurisdictionCode: extra.jurisdictionCode,
    });
    if (!user.displayName) throw AppError.badInput(`${prefix}displayName`, 'must not be blank');
    await manager.save(user);
    await this.audit.record(manager, actor, { action: 'user.create', entityType: 'User', entityId: user.id, after: user });
    return user;
  }

  private session(user: User): Session {
    const { token, expiresAt } = signAccessToken(principalOf(user), user.tokenVersion, this.tokenKey, this.config.jwtTtlSeconds);
    return { token, expiresAt, user };
  }
}
