import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Clock } from '../../infrastructure/clock.js';
import { REDIS } from '../../infrastructure/queue/redis.js';
import type { Redis } from 'ioredis';
import type { Actor } from '../access/index.js';
import { AuditService } from '../audit/index.js';
import type { AuthUser } from '../access/index.js';
import {
  AccountLockedError,
  CurrentPasswordWrongError,
  InvalidCredentialsError,
  UnauthenticatedError,
} from './auth.errors.js';
import { burnVerify, verifyPassword } from './password.js';
import { User } from './user.entity.js';
import { normalizeEmail, UsersService } from './users.service.js';

interface TokenClaims {
  sub: string;
  /** The user's token version when issued; logout bumps it. */
  ver: number;
  jti: string;
}

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

/** Sign-in with lockout, bearer tokens (HS256 JWT) and their revocation. */
@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async login(emailGiven: string, password: string, ip: string | null): Promise<IssuedToken> {
    const email = normalizeEmail(emailGiven).slice(0, 254);
    const em = this.em.fork();
    const user = await em.findOne(User, { email });
    const fail = async (reason: string, extra: Record<string, unknown> = {}) =>
      this.audit.record(
        { userId: user?.id ?? null, email, ip },
        {
          action: 'auth.login-failed',
          objectType: 'user',
          objectId: user?.id,
          details: { reason, ...extra },
        },
      );
    const now = this.clock.now();
    if (!user || !user.active) {
      // the same answers as for an account: after the threshold, "locked" — nothing tells which exist
      const lockedUntil = await this.phantomLocked(email, now);
      if (lockedUntil) {
        await fail('locked', { phantom: true });
        throw new AccountLockedError(lockedUntil);
      }
      await burnVerify(password);
      const locks = await this.phantomFailure(email, now);
      await fail(user ? 'inactive' : 'unknown-email');
      if (locks) throw new AccountLockedError(locks);
      throw new InvalidCredentialsError();
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await fail('locked');
      throw new AccountLockedError(user.lockedUntil);
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      user.failedLogins += 1;
      const { lockoutThreshold, lockoutMinutes } = this.config.auth;
      const locks = user.failedLogins >= lockoutThreshold;
      if (locks) {
        user.lockedUntil = new Date(now.getTime() + lockoutMinutes * 60_000);
        user.failedLogins = 0;
      }
      await em.flush();
      await fail('bad-password', locks ? { lockedUntil: user.lockedUntil!.toISOString() } : {});
      if (locks) throw new AccountLockedError(user.lockedUntil!);
      throw new InvalidCredentialsError();
    }
    user.failedLogins = 0;
    user.lockedUntil = null;
    await em.flush();
    const issued = await this.issueToken(user);
    await this.audit.record(
      { userId: user.id, email, ip },
      { action: 'auth.login', objectType: 'user', objectId: user.id },
    );
    return issued;
  }

  /**
   * Failed sign-ins for an email with no (active) account are counted as an account's are (kept in
   * Redis for the lockout's length, shared by the API processes), so an unknown email is "locked"
   * after as many failures as a real one. Redis away: counted nowhere (the answer is then the plain one).
   */
  private phantomKey(email: string): string {
    const h = createHash('sha256').update(email).digest('hex').slice(0, 32);
    return `${this.config.redis.prefix}:sothu:login-phantom:${h}`;
  }

  private async phantomLocked(email: string, now: Date): Promise<Date | null> {
    try {
      const until = await this.redis.get(`${this.phantomKey(email)}:locked`);
      return until && Number(until) > now.getTime() ? new Date(Number(until)) : null;
    } catch {
      return null;
    }
  }

  private async phantomFailure(email: string, now: Date): Promise<Date | null> {
    const { lockoutThreshold, lockoutMinutes } = this.config.auth;
    const key = this.phantomKey(email);
    try {
      const n = await this.redis.incr(key);
      if (n === 1) await this.redis.pexpire(key, lockoutMinutes * 60_000);
      if (n < lockoutThreshold) return null;
      const until = new Date(now.getTime() + lockoutMinutes * 60_000);
      await this.redis.del(key);
      await this.redis.set(`${key}:locked`, String(until.getTime()), 'PX', lockoutMinutes * 60_000);
      return until;
    } catch {
      return null;
    }
  }

  /** A bearer token for a user (login; tests mint them directly). */
  async issueToken(user: Pick<User, 'id' | 'tokenVersion'>): Promise<IssuedToken> {
    const ttl = this.config.auth.tokenTtlSeconds;
    const claims: TokenClaims = { sub: user.id, ver: user.tokenVersion, jti: randomUUID() };
    const token = await this.jwt.signAsync(claims, { expiresIn: ttl });
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /**
   * The user's own new password: the current one must be right. Every token issued so far ends (other
   * tabs and devices sign in again); the answer is a fresh token for this session.
   */
  async changePassword(
    user: AuthUser,
    currentPassword: string,
    newPassword: string,
    actor: Actor,
  ): Promise<IssuedToken> {
    const row = await this.em.fork().findOneOrFail(User, { id: user.id });
    if (!(await verifyPassword(row.passwordHash, currentPassword)))
      throw new CurrentPasswordWrongError();
    return this.issueToken(await this.users.changeOwnPassword(user.id, newPassword, actor));
  }

  /** Every token of the user issued so far stops working (all its sessions end). */
  async logout(user: AuthUser, actor: Actor): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      const row = await tx.findOneOrFail(User, { id: user.id });
      row.tokenVersion += 1;
      await tx.flush();
      await this.audit.record(
        actor,
        { action: 'auth.logout', objectType: 'user', objectId: user.id },
        tx,
      );
    });
  }

  /**
   * Tokens whose signature and claims were verified, with their claims. Verifying is a pure function of
   * the token and the key (a token with the same text has the same signature), so it is done once per
   * token; what can change — expiry, the user's state — is checked on every request: the expiry against
   * the clock below, the user (active, token version, role, scope) by a fresh read of its row. Bounded:
   * emptied when it reaches {@link VERIFIED_MAX} tokens.
   */
  private readonly verified = new Map<string, TokenClaims & { exp?: number }>();

  /** The user a bearer token stands for, or 401: bad signature, expired, revoked, user gone or inactive. */
  async authenticate(token: string): Promise<AuthUser> {
    let claims = this.verified.get(token);
    // as jsonwebtoken decides it: expired once the second `exp` is reached
    if (claims?.exp !== undefined && Math.floor(Date.now() / 1000) >= claims.exp) {
      this.verified.delete(token);
      claims = undefined;
    }
    if (!claims) {
      try {
        claims = await this.jwt.verifyAsync<TokenClaims & { exp?: number; nbf?: number }>(token);
      } catch (err) {
        const expired = err instanceof Error && err.name === 'TokenExpiredError';
        throw new UnauthenticatedError(
          expired ? 'The token has expired: sign in again' : 'The token is not valid',
        );
      }
      // a not-before claim is checked by the library each time (sothu's tokens carry none)
      if ((claims as { nbf?: number }).nbf === undefined) {
        if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
        this.verified.set(token, claims);
      }
    }
    const user = await this.users.signedIn(claims.sub);
    if (!user || !user.active || user.tokenVersion !== claims.ver) {
      throw new UnauthenticatedError('The token is no longer valid: sign in again');
    }
    return this.users.toAuthUser(user);
  }
}

/** Verified tokens kept by {@link AuthService.authenticate}. */
const VERIFIED_MAX = 10_000;
