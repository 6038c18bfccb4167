/**
 * Seeds a synthetic province straight into a database (no workbooks): what the nightly-run benchmark
 * starts from. Rows are the ones the importers would write: employers, roster lines, agency ledger
 * lines, declared totals, receipts (matched as the matching rules would: name-only and unidentifiable
 * ones stay on suspense), written with `COPY` on PostgreSQL. Run built: `node dist/seeds/bench/seed-province.js --url URL --offices N
 * --per-office N [--months 24] [--end 2027-07] [--seed 1]`; prints one JSON line.
 */
import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/core';
import { type AppConfig } from '../../src/config/config.js';
import { bulkInsert } from '../../src/database/bulk-insert.js';
import { migrate, openDatabase } from '../../src/database/database.js';
import { searchKey } from '../../src/domain/matching-search.js';
import { DeclaredTotal } from '../../src/modules/ledger-facts/declared-total.entity.js';
import { Employer } from '../../src/modules/employers/employer.entity.js';
import { RosterLine } from '../../src/modules/ledger-facts/roster-line.entity.js';
import { Office } from '../../src/modules/offices/office.entity.js';
import { Receipt } from '../../src/modules/ledger-facts/receipt.entity.js';
import { ReceivableLine } from '../../src/modules/ledger-facts/receivable-line.entity.js';
import { ReferenceValue } from '../../src/modules/reference/reference-value.entity.js';
import { generateProvince } from '../generator/generate.js';
import type { Province } from '../generator/types.js';
import { loadReferenceRecords } from '../reference/records.js';

const BATCH = '00000000-0000-0000-0000-00000000be0c';
const REGIONS = ['I', 'II', 'III', 'IV'];

/**
 * Inserts plain rows of an entity through `bulkInsert` inside the caller's transaction (PostgreSQL `COPY`,
 * SQLite multi-row VALUES): no entity per row, so seeding 100k employers takes minutes, not tens of them.
 * Columns are the entity's, from its metadata; a `json` property is written as its JSON text.
 */
async function insertAll<T extends object>(
  em: EntityManager,
  entity: new () => T,
  rows: object[],
  size = 20_000,
): Promise<void> {
  if (!rows.length) return;
  const meta = em.getMetadata().get(entity);
  const keys = Object.keys(rows[0]!);
  const props = keys.map((k) => {
    const prop = meta.properties[k as keyof typeof meta.properties] as
      { fieldNames: string[]; type: string; columnTypes?: string[] } | undefined;
    if (!prop) throw new Error(`${meta.className} has no property ${k}`);
    // `type: 'json'` is `JsonType` once discovered; its column is json (SQLite) or jsonb (PostgreSQL)
    const json = /json/i.test(prop.type) || /json/i.test(prop.columnTypes?.[0] ?? '');
    return { column: prop.fieldNames[0]!, json };
  });
  const columns = props.map((p) => p.column);
  // converted a slice at a time: a 100k-employer province's rows are held once, not twice
  for (let i = 0; i < rows.length; i += size) {
    const values = rows.slice(i, i + size).map((r) =>
      keys.map((k, j) => {
        const v = (r as Record<string, unknown>)[k];
        return props[j]!.json && v != null ? JSON.stringify(v) : v;
      }),
    );
    await bulkInsert(em, meta.tableName, columns, values);
  }
}

export async function seedProvince(
  em: EntityManager,
  p: Province,
): Promise<Record<string, number>> {
  await em.upsertMany(ReferenceValue, loadReferenceRecords(), {
    onConflictFields: ['kind', 'key', 'effectiveFrom'],
    onConflictAction: 'merge',
  });
  await insertAll(em, Office, p.offices);
  await insertAll(
    em,
    Employer,
    p.employers.map((e) => ({
      unitCode: e.unitCode,
      name: e.name,
      searchKey: searchKey(e.name),
      // the column holds 13 digits; at 100k employers a parent can have over 999 branches (a 4-digit
      // suffix), a tax code the registry importer would refuse
      taxCode: e.taxCode.replace(/\D/g, '').slice(0, 13),
      officeCode: e.officeCode,
      region: REGIONS[Number(e.region) - 1] ?? String(e.region),
      cycle: e.cycle,
      oaRateBp: e.oaRateBp,
      status: e.status,
      batchId: BATCH,
    })),
  );
  const roster = p.roster.map((l) => ({
    unitCode: l.unitCode,
    siNumber: l.siNumber,
    name: 'Người lao động',
    salary: l.salary,
    allowances: l.allowances.position + l.allowances.seniority + l.allowances.supplement,
    fromMonth: l.fromMonth,
    toMonth: l.toMonth,
    batchId: BATCH,
  }));
  await insertAll(em, RosterLine, roster);
  await insertAll(
    em,
    ReceivableLine,
    p.ledger.map((l) => ({ ...l, reason: l.reason ?? '', batchId: BATCH })),
  );
  const declared = new Map<
    string,
    { unitCode: string; period: string; amounts: Record<string, number> }
  >();
  for (const d of p.declared) {
    const k = `${d.unitCode}|${d.period}`;
    const row = declared.get(k) ?? { unitCode: d.unitCode, period: d.period, amounts: {} };
    row.amounts[d.fund] = (row.amounts[d.fund] ?? 0) + d.amount;
    declared.set(k, row);
  }
  await insertAll(
    em,
    DeclaredTotal,
    [...declared.values()].map((d) => ({
      ...d,
      total: Object.values(d.amounts).reduce((a, b) => a + b, 0),
      batchId: BATCH,
    })),
  );
  const receipts = p.receipts.map((r) => {
    const matched = r.expectedMethod !== 'name' && r.expectedMethod !== 'none';
    return {
      valueDate: r.valueDate,
      amount: r.amount,
      memo: r.memo,
      payerName: r.payerName,
      bankRef: r.bankRef,
      statementUnitCode: r.unitCodeColumn,
      status: matched ? 'matched' : r.expectedMethod === 'name' ? 'suggested' : 'unmatched',
      unitCode: matched ? r.expectedUnitCode : null,
      method: matched ? r.expectedMethod : null,
      confidenceMilli: matched ? 900 : 0,
      suggestion: r.expectedMethod === 'name' ? r.expectedUnitCode : null,
      batchId: BATCH,
    };
  });
  await insertAll(em, Receipt, receipts);
  return {
    employers: p.employers.length,
    rosterLines: roster.length,
    ledgerLines: p.ledger.length,
    declared: declared.size,
    receipts: receipts.length,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      offices: { type: 'string', default: '20' },
      'per-office': { type: 'string', default: '500' },
      months: { type: 'string', default: '24' },
      end: { type: 'string', default: '2027-07' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!values.url)
    throw new Error('usage: seed-province --url postgres://… [--offices N --per-office N]');
  const t0 = Date.now();
  const province = generateProvince({
    seed: Number(values.seed),
    scale: 'bench',
    offices: Number(values.offices),
    employersPerOffice: Number(values['per-office']),
    months: Number(values.months),
    endPeriod: values.end,
  });
  const generatedMs = Date.now() - t0;
  const db: AppConfig['database'] = values.url.startsWith('postgres')
    ? { kind: 'postgresql', url: values.url }
    : { kind: 'sqlite', file: values.url.replace(/^sqlite:/, '') };
  const orm = await openDatabase(db);
  try {
    await migrate(orm);
    const em = orm.em.fork();
    const counts = await em.transactional((tx) => seedProvince(tx, province));
    // statistics as autovacuum keeps them in service: a run started right after a bulk load would
    // otherwise be planned on an empty table's estimates
    if (db.kind === 'postgresql') await em.getConnection().execute('analyze');
    console.log(
      JSON.stringify({
        ...counts,
        generatedMs,
        seededMs: Date.now() - t0 - generatedMs,
        endPeriod: province.options.endPeriod,
      }),
    );
  } finally {
    await orm.close();
  }
}

if (process.argv[1]?.endsWith('seed-province.js')) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exitCode = 1;
  });
}
