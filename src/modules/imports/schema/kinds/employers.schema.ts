import { parseOfficeCode, parseTaxCode, rateParser } from '../values.js';
import { column, indexColumns, type SheetSchema } from '../column-schema.js';
import type { EmployerRecord } from '../records.js';
import {
  parseCycle,
  parseRegion,
  parseStatus,
  type EmployerStatus,
  type PaymentCycle,
  type WageRegion,
} from '../value-lists.js';
import { textColumn, unitCodeColumn } from './common.js';

const columns = [
  unitCodeColumn({ required: true }),
  textColumn('name', ['Tên đơn vị', 'tendvi'], { required: true }),
  column('taxCode', ['Mã số thuế', 'MST'], parseTaxCode),
  column('officeCode', ['Mã cơ quan BHXH', 'Cơ quan BHXH'], parseOfficeCode, { required: true }),
  column('region', ['Vùng lương', 'Vùng'], parseRegion, { required: true }),
  column('cycle', ['Phương thức đóng'], parseCycle),
  column('oaRate', ['Tỷ lệ đóng TNLĐ-BNN', 'Tỷ lệ TNLĐ-BNN'], rateParser([50, 30])),
  column('status', ['Trạng thái', 'Tình trạng'], parseStatus),
] as const;
const I = indexColumns(columns);

export const employersSheet: SheetSchema<EmployerRecord> = {
  role: 'employers',
  requiredAnyOf: [['unitCode', 'name', 'officeCode', 'region']],
  columns,
  build: (v, at) => ({
    sheet: at.sheet,
    row: at.row,
    unitCode: v[I.unitCode!] as string,
    name: v[I.name!] as string,
    taxCode: v[I.taxCode!] as string | null,
    officeCode: v[I.officeCode!] as string,
    region: v[I.region!] as WageRegion,
    cycle: v[I.cycle!] as PaymentCycle | null,
    oaRateBp: v[I.oaRate!] as number | null,
    status: v[I.status!] as EmployerStatus | null,
  }),
};
