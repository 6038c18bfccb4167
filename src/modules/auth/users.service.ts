import { randomInt, randomUUID } from 'node:crypto';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import { Clock } from '../../infrastructure/clock.js';
import { NotFoundError } from '../../infrastructure/http/app-error.js';
import { keysetPage, readCursor, textPart } from '../../infrastructure/http/keyset.js';
import { OfficesService } from '../offices/index.js';
import type { AuthUser } from '../access/index.js';
import {
  OwnAccountError,
  UserExistsError,
  UserScopeInvalidError,
  WeakPasswordError,
} from './auth.errors.js';
import { hashPassword, passwordProblem } from './password.js';
import { User, type UserRole } from './user.entity.js';

export interface NewUser {
  email: string;
  password: string;
  role: UserRole;
  offices?: string[];
  provinces?: string[];
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Users and their office scope. Plain constructor dependencies, so the CLI can build it without Nest. */
@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly offices: OfficesService,
    private readonly clock: Clock,
  ) {}

  async create(input: NewUser, actor: Actor): Promise<User> {
    const email = normalizeEmail(input.email);
    const problem = passwordProblem(input.password, email);
    if (problem) throw new WeakPasswordError(problem);
    const offices = [...new Set(input.offices ?? [])].sort();
    const provinces = [...new Set(input.provinces ?? [])].sort();
    const em = this.em.fork();
    await this.checkScope(em, input.role, offices, provinces);
    if (await em.count(User, { email })) throw new UserExistsError(email);
    const user = Object.assign(new User(), {
      id: randomUUID(),
      email,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      offices,
      provinces,
      createdAt: this.clock.now(),
    });
    try {
      await em.transactional(async (tx) => {
        await tx.persist(user).flush();
        await this.audit.record(
          actor,
          {
            action: 'user.create',
            objectType: 'user',
            objectId: user.id,
            details: { email, role: user.role, offices, provinces },
          },
          tx,
        );
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) throw new UserExistsError(email);
      throw err;
    }
    return user;
  }

  /**
   * Gives a user a new password (the demo's `--reset-passwords`, an administrator on the command line):
   * stored only as a hash; the user's tokens end (its token version moves on); audited with the change.
   */
  async resetPassword(email: string, password: string, actor: Actor): Promise<User> {
    const normalized = normalizeEmail(email);
    const problem = passwordProblem(password, normalized);
    if (problem) throw new WeakPasswordError(problem);
    const passwordHash = await hashPassword(password);
    return this.em.fork().transactional(async (tx) => {
      const user = await tx.findOneOrFail(User, { email: normalized });
      user.passwordHash = passwordHash;
      user.tokenVersion += 1;
      await tx.flush();
      await this.audit.record(
        actor,
        {
          action: 'user.password-reset',
          objectType: 'user',
          objectId: user.id,
          details: { email: normalized },
        },
        tx,
      );
      return user;
    });
  }

  /** Officers and inspectors need at least one existing office or province; an admin sees all and is given none. */
  private async checkScope(
    em: EntityManager,
    role: UserRole,
    offices: string[],
    provinces: string[],
  ): Promise<void> {
    if (role === 'admin') {
      if (offices.length || provinces.length) {
        throw new UserScopeInvalidError(
          'An admin sees every office: give it no offices or provinces',
          { reason: 'admin-scoped' },
        );
      }
      return;
    }
    if (!offices.length && !provinces.length) {
      throw new UserScopeInvalidError(`An ${role} needs at least one office or province`, {
        reason: 'scope-required',
      });
    }
    const known = await this.offices.matching(offices, provinces);
    const unknownOffices = offices.filter((c) => !known.some((o) => o.code === c));
    const unknownProvinces = provinces.filter((p) => !known.some((o) => o.provinceCode === p));
    if (unknownOffices.length || unknownProvinces.length) {
      throw new UserScopeInvalidError('Unknown offices or provinces (create the offices first)', {
        reason: 'unknown',
        offices: unknownOffices,
        provinces: unknownProvinces,
      });
    }
  }

  /** Ordered by email; `cursor` is the previous page's `nextCursor`. */
  async list(
    limit: number,
    cursor?: string,
  ): Promise<{ items: User[]; nextCursor: string | null }> {
    const after = cursor ? readCursor(cursor, [textPart(254)])[0] : undefined;
    const rows = await this.em.fork().find(User, after ? { email: { $gt: after } } : {}, {
      orderBy: { email: 'asc' },
      limit: limit + 1,
    });
    return keysetPage(rows, limit, (u) => [u.email]);
  }

  /**
   * What a request's authentication needs of a user, read fresh on every request (deactivation and
   * logout take effect at once) as one plain row by primary key: no entity, no identity map.
   */
  async signedIn(id: string): Promise<SignedInUser | null> {
    if (typeof id !== 'string') return null;
    const [row] = (await this.em
      .getConnection()
      .execute(
        'select id, email, role, offices, provinces, active, token_version, must_change_password from app_user where id = ?',
        [id],
      )) as Record<string, unknown>[];
    if (!row) return null;
    const list = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : (v ?? [])) as string[];
    return {
      id: row.id as string,
      email: row.email as string,
      role: row.role as UserRole,
      offices: list(row.offices),
      provinces: list(row.provinces),
      active: row.active === true || Number(row.active) === 1,
      tokenVersion: Number(row.token_version),
      mustChangePassword:
        row.must_change_password === true || Number(row.must_change_password) === 1,
    };
  }

  /** The request's user with its office scope resolved (provinces expanded to their offices). */
  async toAuthUser(
    user: Pick<User, 'id' | 'email' | 'role' | 'offices' | 'provinces' | 'mustChangePassword'>,
  ): Promise<AuthUser> {
    let scope: AuthUser['scope'] = 'all';
    if (user.role !== 'admin') {
      const codes = new Set(user.offices);
      if (user.provinces.length) {
        for (const o of await this.offices.matching([], user.provinces)) codes.add(o.code);
      }
      scope = codes;
    }
    return {
      id: user.id,
      email: user.email,
      role: user.role,
      offices: user.offices,
      provinces: user.provinces,
      scope,
      mustChangePassword: user.mustChangePassword,
    };
  }

  /**
   * One change an administrator makes to a user (deactivate, activate, unlock, reset), in a transaction
   * with its audit event. Acting on one's own account is refused for the changes that would lock one out.
   */
  private async adminChange(
    id: string,
    actor: Actor,
    action: 'deactivate' | 'activate' | 'unlock' | 'password-reset',
    change: (user: User) => Promise<void> | void,
  ): Promise<User> {
    if ((action === 'deactivate' || action === 'password-reset') && actor.userId === id)
      throw new OwnAccountError(action === 'deactivate' ? 'deactivate' : 'reset the password of');
    return this.em.fork().transactional(async (tx) => {
      const user = await tx.findOne(User, { id });
      if (!user) throw new NotFoundError('User', id);
      await change(user);
      await tx.flush();
      await this.audit.record(
        actor,
        {
          action: `user.${action}`,
          objectType: 'user',
          objectId: user.id,
          details: { email: user.email },
        },
        tx,
      );
      return user;
    });
  }

  /** The user can no longer sign in, and every token it holds is refused from now on. */
  deactivate(id: string, actor: Actor): Promise<User> {
    return this.adminChange(id, actor, 'deactivate', (u) => {
      u.active = false;
      u.tokenVersion += 1;
    });
  }

  activate(id: string, actor: Actor): Promise<User> {
    return this.adminChange(id, actor, 'activate', (u) => {
      u.active = true;
    });
  }

  /** Ends a sign-in lockout now (the failed sign-ins counted so far are forgotten). */
  unlock(id: string, actor: Actor): Promise<User> {
    return this.adminChange(id, actor, 'unlock', (u) => {
      u.lockedUntil = null;
      u.failedLogins = 0;
    });
  }

  /**
   * A one-time password for the user, shown once to the administrator (only its hash is kept): the
   * user's tokens end, a lockout ends, and until the user chooses a new password nothing else works.
   */
  async resetWithOneTimePassword(
    id: string,
    actor: Actor,
  ): Promise<{ user: User; password: string }> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const user = await this.adminChange(id, actor, 'password-reset', (u) => {
      u.passwordHash = passwordHash;
      u.tokenVersion += 1;
      u.mustChangePassword = true;
      u.lockedUntil = null;
      u.failedLogins = 0;
    });
    return { user, password };
  }

  /** The user's own new password (after a reset, or any time): checked, stored as a hash, the flag cleared. */
  async changeOwnPassword(id: string, password: string, actor: Actor): Promise<User> {
    const em = this.em.fork();
    const user = await em.findOneOrFail(User, { id });
    const problem = passwordProblem(password, user.email);
    if (problem) throw new WeakPasswordError(problem);
    const passwordHash = await hashPassword(password);
    return em.transactional(async (tx) => {
      const row = await tx.findOneOrFail(User, { id });
      row.passwordHash = passwordHash;
      row.mustChangePassword = false;
      row.tokenVersion += 1;
      await tx.flush();
      await this.audit.record(
        actor,
        { action: 'user.password-change', objectType: 'user', objectId: id },
        tx,
      );
      return row;
    });
  }

  /**
   * Inspectors who may see an office (given it, or its province): whom a case of that office can be
   * assigned to. Users are few (hundreds), so the scope is read here rather than in SQL over JSON.
   */
  async inspectorsOf(officeCode: string): Promise<User[]> {
    const province = (await this.offices.matching([officeCode], []))[0]?.provinceCode;
    const rows = await this.em
      .fork()
      .find(User, { role: 'inspector', active: true }, { orderBy: { email: 'asc' } });
    return rows.filter(
      (u) => u.offices.includes(officeCode) || (!!province && u.provinces.includes(province)),
    );
  }
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const OTP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** 14 characters from a 31-letter alphabet (~69 bits): for one sign-in only. */
export function oneTimePassword(): string {
  let s = '';
  for (let i = 0; i < 14; i++) s += OTP_ALPHABET[randomInt(OTP_ALPHABET.length)];
  return s;
}

/** A user as authentication reads it. */
export type SignedInUser = Pick<
  User,
  | 'id'
  | 'email'
  | 'role'
  | 'offices'
  | 'provinces'
  | 'active'
  | 'tokenVersion'
  | 'mustChangePassword'
>;

/** The public shape of a user (never the hash). */
export function userView(u: User) {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    offices: u.offices,
    provinces: u.provinces,
    active: u.active,
    lockedUntil: u.lockedUntil ?? null,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt,
  };
}
