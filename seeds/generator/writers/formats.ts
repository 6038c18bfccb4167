/** Values as users type them: money as numbers or `5.310.000` text, dates as cells or `dd/mm/yyyy`. */
import { toDmy, toMmYyyy, utcDate } from '../calendar.js';
import type { IsoDate, Period } from '../calendar.js';
import type { CellValue } from './xlsx.js';

export type MoneyStyle = 'number' | 'dots' | 'commas' | 'spaces' | 'plain';
export type DateStyle = 'cell' | 'dmy' | 'iso' | 'serial';
export type PeriodStyle = 'mm/yyyy' | 'm/yyyy' | 'yyyy-mm' | 'cell';

function group(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export function money(n: number, style: MoneyStyle): CellValue {
  switch (style) {
    case 'number':
      return n;
    case 'dots':
      return group(n, '.');
    case 'commas':
      return group(n, ',');
    case 'spaces':
      return group(n, ' ');
    case 'plain':
      return String(n);
  }
}

/** Excel serial of a calendar day (1900 date system). */
export function excelSerial(d: IsoDate): number {
  return Math.round(utcDate(d).getTime() / 86_400_000) + 25_569;
}

export function date(d: IsoDate, style: DateStyle): CellValue {
  switch (style) {
    case 'cell':
      return utcDate(d);
    case 'dmy':
      return toDmy(d);
    case 'iso':
      return d;
    case 'serial':
      return excelSerial(d);
  }
}

export function period(p: Period, style: PeriodStyle): CellValue {
  switch (style) {
    case 'mm/yyyy':
      return toMmYyyy(p);
    case 'm/yyyy':
      return `${Number(p.slice(5, 7))}/${p.slice(0, 4)}`;
    case 'yyyy-mm':
      return p;
    case 'cell':
      return utcDate(`${p}-01`);
  }
}

export const DATE_FMT = 'dd/mm/yyyy';
export const PERIOD_FMT = 'mm/yyyy';
export const MONEY_FMT = '#,##0';
