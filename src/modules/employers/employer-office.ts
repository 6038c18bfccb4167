import type { EntityManager } from '@mikro-orm/core';
import { Employer } from './employer.entity.js';

/** The offices of the given employers (unknown units are absent): what office scope checks read. */
export async function employerOffices(
  em: EntityManager,
  unitCodes: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < unitCodes.length; i += 500) {
    const rows = await em.find(
      Employer,
      { unitCode: { $in: unitCodes.slice(i, i + 500) } },
      { fields: ['unitCode', 'officeCode'] },
    );
    for (const r of rows) out.set(r.unitCode, r.officeCode);
  }
  return out;
}
