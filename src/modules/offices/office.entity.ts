import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A social insurance office (`cơ quan BHXH`), e.g. `06703`; a province is the offices sharing a province code. */
@Entity({ tableName: 'office' })
export class Office {
  @PrimaryKey({ length: 5 })
  code!: string;

  @Property({ length: 200 })
  name!: string;

  @Property({ length: 5, index: true })
  provinceCode!: string;
}
