/** Offices and employers: every block, status, cycle, OA rate and behaviour profile in the mix. */
import { addMonths } from './calendar.js';
import type { PaymentCycle, Period } from './calendar.js';
import type { OaRateBp, Region } from './contributions.js';
import { randomTaxCode } from './identifiers.js';
import { AGRI_SECTORS, BRANDS, PLACES, SECTORS, normaliseName, personName } from './names.js';
import type { Rng } from './prng.js';
import { HARD_TO_COLLECT } from './types.js';
import type { BehaviourProfile, Block, Employer, EmployerStatus, Office } from './types.js';

const OFFICE_NAMES = ['Gia Nghĩa', 'Đắk Mil', 'Đắk Song', 'Cư Jút', 'Krông Nô', 'Tuy Đức', 'Đắk R\'lấp', 'Đắk Glong'];

export function makeOffices(provinceCode: string, count: number): Office[] {
  if (!/^\d{2}$/.test(provinceCode)) throw new Error(`province code must be 2 digits: ${provinceCode}`);
  if (count < 1 || count > 99) throw new Error('offices must be 1..99');
  const out: Office[] = [];
  for (let i = 1; i <= count; i++) {
    const place = OFFICE_NAMES[(i - 1) % OFFICE_NAMES.length] as string;
    const round = Math.floor((i - 1) / OFFICE_NAMES.length);
    out.push({
      code: `0${provinceCode}${String(i).padStart(2, '0')}`,
      name: `BHXH khu vực ${place}${round > 0 ? ` ${round + 1}` : ''}`,
      provinceCode,
    });
  }
  return out;
}

interface Template {
  block: Block;
  status: EmployerStatus;
  cycle: PaymentCycle;
  profile: BehaviourProfile;
  oaRateBp: OaRateBp;
}

/** The must-have mix, placed first so even a tiny province has every kind. */
const MUST_HAVE: readonly Template[] = [
  { block: 'TC', status: 'active', cycle: 'monthly', profile: 'on-time', oaRateBp: 50 },
  { block: 'HC', status: 'active', cycle: 'monthly', profile: 'on-time', oaRateBp: 50 },
  { block: 'CC', status: 'active', cycle: 'monthly', profile: 'usually-late', oaRateBp: 50 },
  { block: 'HT', status: 'active', cycle: 'quarterly', profile: 'on-time', oaRateBp: 50 },
  { block: 'HT', status: 'active', cycle: 'semiannual', profile: 'usually-late', oaRateBp: 50 },
  { block: 'NQ', status: 'active', cycle: 'monthly', profile: 'overpays', oaRateBp: 30 },
  { block: 'TZ', status: 'active', cycle: 'monthly', profile: 'lumps', oaRateBp: 50 },
  { block: 'TC', status: 'active', cycle: 'monthly', profile: 'arrears-3', oaRateBp: 50 },
  { block: 'TC', status: 'active', cycle: 'monthly', profile: 'arrears-12', oaRateBp: 50 },
  { block: 'TC', status: 'suspended', cycle: 'monthly', profile: 'on-time', oaRateBp: 50 },
  { block: 'TC', status: 'absconded', cycle: 'monthly', profile: 'stopped', oaRateBp: 50 },
  { block: 'CC', status: 'dissolving', cycle: 'monthly', profile: 'stopped', oaRateBp: 50 },
  { block: 'TC', status: 'dissolved', cycle: 'monthly', profile: 'stopped', oaRateBp: 50 },
  { block: 'TC', status: 'bankrupt', cycle: 'monthly', profile: 'stopped', oaRateBp: 30 },
  { block: 'TC', status: 'debt-frozen', cycle: 'monthly', profile: 'stopped', oaRateBp: 50 },
];

function randomTemplate(rng: Rng): Template {
  const block = rng.weighted<Block>([
    ['TC', 50],
    ['HC', 12],
    ['CC', 15],
    ['HT', 6],
    ['NQ', 10],
    ['TZ', 7],
  ]);
  const status = rng.weighted<EmployerStatus>([
    ['active', 90],
    ['suspended', 3],
    ['absconded', 1.5],
    ['dissolving', 1.5],
    ['dissolved', 1.5],
    ['bankrupt', 1],
    ['debt-frozen', 1.5],
  ]);
  const cycle: PaymentCycle =
    block === 'HT' && rng.chance(0.6) ? (rng.chance(0.6) ? 'quarterly' : 'semiannual') : 'monthly';
  let profile: BehaviourProfile;
  if (HARD_TO_COLLECT.includes(status)) profile = 'stopped';
  else if (status === 'suspended' || cycle !== 'monthly')
    profile = rng.weighted<BehaviourProfile>([
      ['on-time', 60],
      ['usually-late', 30],
      ['lumps', 10],
    ]);
  else if (block === 'HC')
    profile = rng.weighted<BehaviourProfile>([
      ['on-time', 80],
      ['usually-late', 10],
      ['overpays', 10],
    ]);
  else
    profile = rng.weighted<BehaviourProfile>([
      ['on-time', 38],
      ['usually-late', 22],
      ['arrears-3', 12],
      ['arrears-12', 5],
      ['lumps', 11],
      ['overpays', 12],
    ]);
  return { block, status, cycle, profile, oaRateBp: rng.chance(0.08) ? 30 : 50 };
}

const SUFFIX_LETTERS = 'CDEFGHKLMN';

export function unitCodeFor(block: Block, serial: number): string {
  switch (block) {
    case 'NQ':
      return `NQ${String(serial).padStart(5, '0')}`;
    case 'TZ': {
      const letter = 'ABCDEFGHKLMNPQRSTUVWXY'.charAt(Math.floor((serial - 1) / 999) % 22);
      return `TZ${letter}${String(((serial - 1) % 999) + 1).padStart(3, '0')}L`;
    }
    default: {
      const letter = SUFFIX_LETTERS.charAt(Math.floor((serial - 1) / 9999) % SUFFIX_LETTERS.length);
      return `${block}${String(((serial - 1) % 9999) + 1).padStart(4, '0')}${letter}`;
    }
  }
}

function nameFor(rng: Rng, block: Block, agriculture: boolean): string {
  const brand = rng.pick(BRANDS);
  const place = rng.pick(PLACES);
  switch (block) {
    case 'TC': {
      const sector = agriculture ? rng.pick(AGRI_SECTORS) : rng.pick(SECTORS);
      const form = rng.weighted<string>([
        ['Công ty TNHH', 45],
        ['Công ty Cổ phần', 30],
        ['Công ty TNHH MTV', 15],
        ['Doanh nghiệp tư nhân', 10],
      ]);
      return `${form} ${sector} ${brand}`;
    }
    case 'HC':
      return rng.weighted<string>([
        [`Trường Tiểu học ${brand}`, 3],
        [`Trường THCS ${place}`, 2],
        [`Trạm Y tế xã ${place}`, 2],
        [`UBND xã ${place}`, 2],
        [`Trung tâm Văn hóa ${place}`, 1],
      ]);
    case 'CC':
      return `Hộ kinh doanh ${personName(rng, rng.chance(0.5) ? 'M' : 'F')}`;
    case 'HT':
      return `Hợp tác xã ${rng.pick(AGRI_SECTORS)} ${place}`;
    case 'NQ':
      return `Người quản lý doanh nghiệp - Công ty TNHH ${rng.pick(SECTORS)} ${brand}`;
    case 'TZ':
      return `Văn phòng đại diện ${brand} tại ${place}`;
  }
}

function officeRegion(rng: Rng, officeIndex: number): Region {
  // The provincial capital's office is region II, the rest III–IV; a few units sit in another region.
  const base: Region = officeIndex === 0 ? 2 : officeIndex % 3 === 0 ? 4 : 3;
  if (rng.chance(0.06)) return 1;
  if (rng.chance(0.1)) return rng.pick<Region>([2, 3, 4]);
  return base;
}

export interface EmployerPlan {
  employer: Employer;
  /** Last month with insured persons (roster lines end), for suspended/dissolved/bankrupt/frozen units. */
  rosterEnd: Period | null;
}

export function makeEmployers(
  rng: Rng,
  offices: readonly Office[],
  perOffice: number,
  startPeriod: Period,
  months: number,
): EmployerPlan[] {
  const total = offices.length * perOffice;
  const templates: Template[] = [];
  for (let i = 0; i < total; i++) templates.push(i < MUST_HAVE.length ? (MUST_HAVE[i] as Template) : randomTemplate(rng));
  // Spread the must-haves over offices rather than all in the first one.
  rng.shuffle(templates);
  const serials = new Map<Block, number>();
  const usedNames = new Set<string>();
  const usedTax = new Set<string>();
  const plans: EmployerPlan[] = [];
  const endPeriod = addMonths(startPeriod, months - 1);

  for (let i = 0; i < total; i++) {
    const t = templates[i] as Template;
    const officeIndex = Math.floor(i / perOffice);
    const office = offices[officeIndex] as Office;
    const serial = (serials.get(t.block) ?? 0) + 1;
    serials.set(t.block, serial);
    const agriculture = t.block === 'HT' || t.cycle !== 'monthly' || (t.block === 'TC' && rng.chance(0.08));
    let name = nameFor(rng, t.block, agriculture);
    for (let tries = 0; usedNames.has(normaliseName(name)); tries++) {
      name = tries < 20 ? nameFor(rng, t.block, agriculture) : `${nameFor(rng, t.block, agriculture)} ${tries}`;
    }
    usedNames.add(normaliseName(name));

    let taxCode = randomTaxCode(rng);
    while (usedTax.has(taxCode)) taxCode = randomTaxCode(rng);
    usedTax.add(taxCode);
    // Branches: some share a registered parent's 10 digits, some a parent outside the province.
    if (t.block === 'TC' && rng.chance(0.07)) {
      const parent = plans.find((p) => p.employer.block === 'TC' && p.employer.taxCode.length === 10 && rng.chance(0.3));
      const base = parent ? parent.employer.taxCode : taxCode;
      let suffix = rng.int(1, 30);
      while (usedTax.has(`${base}-${String(suffix).padStart(3, '0')}`)) suffix++;
      taxCode = `${base}-${String(suffix).padStart(3, '0')}`;
      usedTax.add(taxCode);
    }

    const lateStart = rng.chance(0.18) && months > 8;
    const firstPeriod = lateStart ? addMonths(startPeriod, rng.int(1, Math.max(1, months - 8))) : startPeriod;
    let rosterEnd: Period | null = null;
    if (t.status === 'suspended' || t.status === 'dissolved' || t.status === 'bankrupt' || t.status === 'debt-frozen') {
      const back = t.status === 'debt-frozen' ? rng.int(6, 12) : rng.int(2, 8);
      rosterEnd = addMonths(endPeriod, -back);
      if (rosterEnd < firstPeriod) rosterEnd = addMonths(firstPeriod, Math.min(3, months - 1));
      if (rosterEnd > endPeriod) rosterEnd = endPeriod;
    }

    plans.push({
      employer: {
        unitCode: unitCodeFor(t.block, serial),
        name,
        block: t.block,
        taxCode,
        officeCode: office.code,
        region: officeRegion(rng, officeIndex),
        cycle: t.cycle,
        oaRateBp: t.oaRateBp,
        status: t.status,
        hardToCollect: HARD_TO_COLLECT.includes(t.status),
        agriculture,
        profile: t.profile,
        firstPeriod,
        declarationMismatchPeriods: [],
      },
      rosterEnd,
    });
  }
  return plans;
}
