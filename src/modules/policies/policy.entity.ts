import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A named policy an administrator sets (e.g. `flagThresholds`): one JSON value per key. */
@Entity({ tableName: 'policy' })
export class Policy {
  @PrimaryKey({ length: 60 })
  key!: string;

  @Property({ type: 'json' })
  value!: unknown;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ length: 200 })
  updatedBy!: string;
}
