import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsOptional, validate } from 'class-validator';
import { toErrorResponse } from './error.filter.js';
import { AsOfQuery, OfficeQuery, PageLimitQuery, PageQuery } from './queries.js';
import {
  IsIsoDate,
  IsOfficeCode,
  IsPeriod,
  IsProvinceCode,
  IsScopeCode,
  IsTaxCode,
  IsUnitCode,
} from './validators.js';

class DecisionDto {
  @IsIsoDate()
  date!: string;

  @IsOptional()
  @IsPeriod()
  period?: string;
}

class PartyDto {
  @IsOptional()
  @IsUnitCode()
  unitCode?: string;

  @IsOptional()
  @IsTaxCode()
  taxCode?: string;

  @IsOptional()
  @IsOfficeCode({ each: true })
  offices?: string[];

  @IsOptional()
  @IsProvinceCode()
  provinceCode?: string;

  @IsOptional()
  @IsScopeCode()
  code?: string;
}

/** The messages class-validator gives for a plain object turned into `cls`, by property. */
async function problems<T extends object>(
  cls: new () => T,
  plain: object,
): Promise<Record<string, string[]>> {
  const errors = await validate(plainToInstance(cls, plain));
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})]));
}

describe('DTO validators on the domain rules', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['01/02/2026', false],
  ])('IsIsoDate %j ok=%s', async (date, ok) => {
    expect(await problems(DecisionDto, { date })).toEqual(
      ok ? {} : { date: ['date must be a real day written YYYY-MM-DD'] },
    );
  });

  it('refuses a date that is not a string', async () => {
    expect(Object.keys(await problems(DecisionDto, { date: 20260101 }))).toEqual(['date']);
  });

  it.each([
    ['2026-01', true],
    ['2026-12', true],
    ['2026-13', false],
    ['2026-00', false],
    ['04/2026', false],
  ])('IsPeriod %j ok=%s', async (period, ok) => {
    expect(await problems(DecisionDto, { date: '2026-01-01', period })).toEqual(
      ok ? {} : { period: ['period must be a month written YYYY-MM'] },
    );
  });

  it('an impossible date in a body is a 400 naming the field, through the app’s pipe and error filter', async () => {
    // the options bootstrap.ts gives the global ValidationPipe
    const pipe = new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    });
    const err = await pipe
      .transform({ date: '2026-02-30' }, { type: 'body', metatype: DecisionDto })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(BadRequestException);
    expect(toErrorResponse(err)).toEqual({
      status: 400,
      body: {
        error: {
          code: 'BAD_REQUEST',
          message: 'The request is not valid',
          details: ['date must be a real day written YYYY-MM-DD'],
        },
      },
    });
    await expect(
      pipe.transform({ date: '2024-02-29' }, { type: 'body', metatype: DecisionDto }),
    ).resolves.toEqual({ date: '2024-02-29' });
  });

  it('unit codes: any case with blanks around, handed on trimmed and upper-cased', async () => {
    const dto = plainToInstance(PartyDto, { unitCode: ' tc0001c ' });
    expect(await validate(dto)).toEqual([]);
    expect(dto.unitCode).toBe('TC0001C');
    expect(await problems(PartyDto, { unitCode: 'TC-001' })).toEqual({
      unitCode: ['unitCode must be a unit code of 5 to 10 letters or digits, e.g. TC0001C'],
    });
    expect(Object.keys(await problems(PartyDto, { unitCode: 'ABCD' }))).toEqual(['unitCode']);
  });

  it('tax codes: §1 check digit; a 13-digit code with a hyphen is handed on without it', async () => {
    const dto = plainToInstance(PartyDto, { taxCode: '0100109106-001' });
    expect(await validate(dto)).toEqual([]);
    expect(dto.taxCode).toBe('0100109106001');
    // 0100109107: the check digit of 010010910 is 6, not 7
    expect(Object.keys(await problems(PartyDto, { taxCode: '0100109107' }))).toEqual(['taxCode']);
    // 000000012x: the formula gives 10, so no 10th digit is right
    expect(Object.keys(await problems(PartyDto, { taxCode: '0000000120' }))).toEqual(['taxCode']);
  });

  it('office codes (each of a list), province codes and ratio scope codes', async () => {
    expect(await problems(PartyDto, { offices: ['06703', '06701'] })).toEqual({});
    expect(await problems(PartyDto, { offices: ['06703', '6701'] })).toEqual({
      offices: ['each value in offices must be 5 digits, e.g. 06703'],
    });
    expect(await problems(PartyDto, { provinceCode: '67' })).toEqual({});
    expect(Object.keys(await problems(PartyDto, { provinceCode: '6' }))).toEqual(['provinceCode']);
    for (const code of ['67', '06703', 'TC0001C']) {
      expect(await problems(PartyDto, { code })).toEqual({});
    }
    for (const code of ['6', 'A', 'TC-0001']) {
      expect(Object.keys(await problems(PartyDto, { code }))).toEqual(['code']);
    }
  });
});

describe('shared query DTOs', () => {
  it('asOf must be a real day', async () => {
    expect(await problems(AsOfQuery, { asOf: '2026-06-30' })).toEqual({});
    expect(await problems(AsOfQuery, {})).toEqual({});
    expect(await problems(AsOfQuery, { asOf: '2026-02-30' })).toEqual({
      asOf: ['asOf must be a real day written YYYY-MM-DD'],
    });
  });

  it('office must be 5 digits', async () => {
    expect(await problems(OfficeQuery, { office: '06703' })).toEqual({});
    expect(await problems(OfficeQuery, { office: "1' or '1'='1" })).toEqual({
      office: ['office must be 5 digits, e.g. 06703'],
    });
  });

  it('pages: 1 to 200 (bulk lists 1 to 500, default 100), opaque cursor of bounded length', async () => {
    const page = plainToInstance(PageQuery, { limit: '200', cursor: 'WzEsIkEiXQ' });
    expect(await validate(page)).toEqual([]);
    expect(page.limit).toBe(200);
    for (const limit of ['0', '201', '1.5', 'x']) {
      expect(Object.keys(await problems(PageQuery, { limit }))).toEqual(['limit']);
    }
    expect(await problems(PageQuery, { cursor: 'A'.repeat(301) })).toEqual({
      cursor: ['cursor must be the nextCursor of the previous page'],
    });
    expect(plainToInstance(PageLimitQuery, {}).limit).toBe(100);
    expect(await problems(PageLimitQuery, { limit: '500' })).toEqual({});
    expect(Object.keys(await problems(PageLimitQuery, { limit: '501' }))).toEqual(['limit']);
  });
});
