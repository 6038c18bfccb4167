import { randomUUID } from 'node:crypto';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import { Clock } from '../../infrastructure/clock.js';
import { keysetPage, readCursor, textPart } from '../../infrastructure/http/keyset.js';
import { OfficesService } from '../offices/index.js';
import type { AuthUser } from '../access/index.js';
import { UserExistsError, UserScopeInvalidError, WeakPasswordError } from './auth.errors.js';
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
        'select id, email, role, offices, provinces, active, token_version from app_user where id = ?',
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
    };
  }

  /** The request's user with its office scope resolved (provinces expanded to their offices). */
  async toAuthUser(
    user: Pick<User, 'id' | 'email' | 'role' | 'offices' | 'provinces'>,
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
    };
  }
}

/** A user as authentication reads it. */
export type SignedInUser = Pick<
  User,
  'id' | 'email' | 'role' | 'offices' | 'provinces' | 'active' | 'tokenVersion'
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
    createdAt: u.createdAt,
  };
}
