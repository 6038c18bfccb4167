import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../../test/fixtures/workbooks/build-workbook.js';
import { collectWorkbook } from './read-workbook.js';
import { IMPORT_KINDS } from './records.js';
import { buildTemplate } from './template.js';

const dir = tempDir();

describe('templates', () => {
  it.each(IMPORT_KINDS)(
    '%s template round-trips through the validator with 0 problems',
    async (kind) => {
      const buf = await buildTemplate(kind);
      const path = join(dir, `${kind}-2026-04.xlsx`);
      writeFileSync(path, buf);
      const r = await collectWorkbook(path, kind, { fileName: `${kind}-2026-04.xlsx` });
      expect(r.problems).toEqual([]);
      expect(r.records.length).toBeGreaterThan(0);
    },
  );

  it('roster template carries the unit code above the header and both optional sheets', async () => {
    const path = join(dir, 'roster.xlsx');
    writeFileSync(path, await buildTemplate('roster'));
    const r = await collectWorkbook(path, 'roster');
    expect(r.records.map((x) => x.type)).toEqual(['line', 'declaredTotal', 'payment']);
    expect(r.records[0]).toMatchObject({
      unitCode: 'TC0001C',
      siNumber: '0123456789',
      salary: 5310000,
      allowances: 500000,
      birthDate: '1990-03-15',
    });
    expect(r.records[1]).toMatchObject({ unitCode: 'TC0001C', total: 1859200 });
  });
});
