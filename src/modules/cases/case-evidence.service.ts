import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';

export interface CaseEvidence {
  reminderDates: string[];
  sanctionDates: string[];
}

/**
 * What the flag rules read from cases (domain.md §9/§10): written reminders (every `reminded` step, on
 * any case of the employer, whatever its state now) and administrative sanction decisions.
 */
@Injectable()
export class CaseEvidenceService {
  constructor(private readonly em: EntityManager) {}

  /** Reminder dates and administrative sanction dates recorded on the employers' cases (domain.md §9 EVASION_SUSPECTED / CRIMINAL_THRESHOLD read them). */
  async forUnits(
    em: EntityManager | null,
    unitCodes: readonly string[],
  ): Promise<Map<string, CaseEvidence>> {
    em ??= this.em.fork();
    const units = [...new Set(unitCodes)];
    // every unit asked for has an entry, empty when it has no case
    const out = new Map<string, CaseEvidence>(
      units.map((u) => [u, { reminderDates: [], sanctionDates: [] }]),
    );
    // plain rows: the day run reads these for every employer it computes
    const conn = em.getConnection();
    for (let i = 0; i < units.length; i += 500) {
      const part = units.slice(i, i + 500);
      const rows = (await conn.execute(
        `select unit_code, kind, date from case_event
          where unit_code in (${part.map(() => '?').join(', ')})
            and ((kind = 'transition' and to_status = 'reminded') or kind = 'sanction')
            and date is not null
          order by date asc`,
        part,
        'all',
        em.getTransactionContext(),
      )) as { unit_code: string; kind: string; date: string }[];
      for (const r of rows) {
        const e = out.get(r.unit_code)!;
        (r.kind === 'sanction' ? e.sanctionDates : e.reminderDates).push(r.date);
      }
    }
    return out;
  }
}
