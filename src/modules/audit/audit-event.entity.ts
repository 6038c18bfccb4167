import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One thing someone did, appended and never changed: who (user id and email as they were), what
 * (`action`, e.g. `auth.login`, `import.commit`), on what (`objectType`, `objectId`), from where (`ip`).
 * The id grows with time and is the list cursor.
 */
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['action', 'id'] })
@Index({ properties: ['userId', 'id'] })
@Index({ properties: ['email', 'id'] })
export class AuditEvent {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ length: 36, nullable: true })
  userId?: string | null;

  @Property({ length: 254, nullable: true })
  email?: string | null;

  @Property({ length: 60 })
  action!: string;

  @Property({ length: 40, nullable: true })
  objectType?: string | null;

  @Property({ length: 200, nullable: true })
  objectId?: string | null;

  @Property({ length: 64, nullable: true })
  ip?: string | null;

  @Property({ type: 'json', nullable: true })
  details?: Record<string, unknown> | null;
}
