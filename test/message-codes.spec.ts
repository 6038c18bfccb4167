import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ProblemCode } from '../src/infrastructure/excel/problem.js';
import { API_ERROR_CODES, PROBLEM_CODES } from '../src/infrastructure/messages/codes.js';
import { projectRoot } from '../src/infrastructure/project-root.js';
import { AUDIT_ACTIONS, auditActionText } from '../src/shared/audit-actions.js';
import {
  errorEn,
  errorText,
  errorVi,
  problemEn,
  problemText,
  problemVi,
} from '../src/web/src/lib/catalogue.js';

/**
 * Messages from codes (product.md "Messages"): every code the server can emit is in the registry
 * (`src/infrastructure/messages/codes.ts`), found by reading the source, and every registry code has a
 * Vietnamese and an English catalogue entry whose placeholders the server's details fill.
 */

const root = projectRoot();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'web' && dir.endsWith('src') ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [p] : [];
  });
}

const CODE = "'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})'";
/** The ways a code leaves the server: an error's first argument, a `code:` field, a job's failure code. */
const EMITTERS = [
  new RegExp(`\\b(?:super|new [A-Z]\\w*Error)\\(\\s*${CODE}`, 'g'),
  new RegExp(`\\bcode:\\s*${CODE}`, 'g'),
  new RegExp(`new PermanentJobError\\([^;]*?,\\s*${CODE},?\\s*\\)`, 'g'),
  new RegExp(`^\\s*\\d{3}:\\s*${CODE},`, 'gm'), // the status → code map of error.filter.ts
];

/** Every code literal the server emits, with the files it is in. */
function emittedCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file);
    const add = (code: string) => found.set(code, [...(found.get(code) ?? []), rel]);
    for (const re of EMITTERS) for (const m of text.matchAll(re)) add(m[1]!);
    if (rel.endsWith('domain/errors.ts')) {
      // DomainErrorCode: the union of the codes domain functions throw
      const union = /type DomainErrorCode =([^;]+);/.exec(text)![1]!;
      for (const m of union.matchAll(/'([A-Z_]+)'/g)) add(m[1]!);
    }
  }
  return found;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
const textOf = (e: string | { text: string }) => (typeof e === 'string' ? e : e.text);

describe('messages from codes', () => {
  const emitted = emittedCodes();

  it('reads the codes out of the source (the scan is not blind)', () => {
    for (const c of [
      'INVALID_CREDENTIALS',
      'EMPLOYER_NOT_FOUND',
      'CASE_CLOSED',
      'BAD_REQUEST',
      'NEGATIVE_AMOUNT',
      'IMPORT_SET_NOT_FOUND',
      'NOT_FOUND',
    ])
      expect([c, emitted.has(c)]).toEqual([c, true]);
    expect(emitted.size).toBeGreaterThan(60);
  });

  it('every code the server emits is in the registry', () => {
    const known = new Set([...Object.keys(API_ERROR_CODES), ...Object.keys(PROBLEM_CODES)]);
    const missing = [...emitted]
      .filter(([c]) => !known.has(c))
      .map(([c, f]) => `${c} (${f.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('every problem code is in the registry', () => {
    expect(Object.keys(PROBLEM_CODES).sort()).toEqual(Object.values(ProblemCode).sort());
  });

  it('every registry code has a Vietnamese and an English entry, filled by the details the server sends', () => {
    const check = (
      kind: string,
      registry: Record<string, readonly string[]>,
      vi: Record<string, string | { text: string }>,
      en: Record<string, string | { text: string }>,
    ) => {
      const faults: string[] = [];
      for (const [code, keys] of Object.entries(registry)) {
        for (const [lang, cat] of [
          ['vi', vi],
          ['en', en],
        ] as const) {
          const entry = cat[code];
          if (!entry) {
            faults.push(`${kind} ${code}: no ${lang} entry`);
            continue;
          }
          const unsent = placeholders(textOf(entry)).filter((p) => !keys.includes(p));
          if (unsent.length)
            faults.push(`${kind} ${code} (${lang}) needs ${unsent.join(', ')}, not sent`);
        }
      }
      return faults;
    };
    expect([
      ...check('error', API_ERROR_CODES, errorVi, errorEn),
      ...check('problem', PROBLEM_CODES, problemVi, problemEn),
    ]).toEqual([]);
  });

  it('renders a code in Vietnamese and English from its details, never with a placeholder left', () => {
    for (const [code, keys] of Object.entries(API_ERROR_CODES)) {
      const details = Object.fromEntries(keys.map((k) => [k, 'x']));
      for (const lang of ['vi', 'en'] as const) {
        const text = errorText(lang, code, details, 400);
        expect([code, lang, /\{\w+\}|undefined/.test(text)]).toEqual([code, lang, false]);
      }
    }
    for (const [code, keys] of Object.entries(PROBLEM_CODES)) {
      const details = Object.fromEntries(keys.map((k) => [k, 'x']));
      const text = problemText('vi', { code, details });
      expect([code, /\{\w+\}|undefined/.test(text)]).toEqual([code, false]);
    }
  });

  it('words every audited action in Vietnamese and English (the audit page and workbook)', () => {
    const actions = new Set<string>();
    for (const file of sourceFiles(join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\baction: '([a-z]+\.[a-z-]+)'/g)) actions.add(m[1]!);
      // `user.${action}` of the user admin: the union of its admin changes
      const admin = /action: ('[a-z-]+'(?: \| '[a-z-]+')+),\s*change:/.exec(text);
      if (admin) for (const m of admin[1]!.matchAll(/'([a-z-]+)'/g)) actions.add(`user.${m[1]}`);
    }
    expect(actions.size).toBeGreaterThan(20);
    expect([...actions].filter((a) => !AUDIT_ACTIONS[a])).toEqual([]);
    for (const a of actions) expect(auditActionText(a, 'en')).not.toBe(auditActionText(a, 'vi'));
    expect(auditActionText('something.new', 'vi')).toBe('something.new');
  });
});
