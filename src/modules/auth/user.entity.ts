import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

import { USER_ROLES, type UserRole } from '../access/index.js';

export { USER_ROLES, type UserRole };

/**
 * A person who signs in. What it may see is its role plus its office scope: the offices it is given
 * (`offices`, office codes) and the provinces it is given (`provinces`, province codes: every office of
 * that province, including offices created later). An admin sees every office and is given none.
 */
@Entity({ tableName: 'app_user' })
export class User {
  @PrimaryKey({ length: 36 })
  id!: string;

  /** Stored lower-cased; unique. */
  @Property({ length: 254, unique: true })
  email!: string;

  /** argon2id PHC string (salt and parameters inside). */
  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Property({ length: 12 })
  role!: UserRole;

  @Property({ type: 'json' })
  offices: string[] = [];

  @Property({ type: 'json' })
  provinces: string[] = [];

  /** Failed sign-ins since the last success or lockout. */
  @Property({ type: 'integer' })
  failedLogins = 0;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  /** Bumped on logout: every token issued before carries an older version and is refused. */
  @Property({ type: 'integer' })
  tokenVersion = 0;

  @Property({ type: 'boolean' })
  active = true;

  /** Set when an administrator resets the password: until the user picks a new one, nothing else is allowed. */
  @Property({ type: 'boolean' })
  mustChangePassword = false;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
