// @ts-check
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Packages the pure domain must never import (style.md: no Nest, ORM, queue, exceljs, I/O). */
const frameworkPackages = [
  '@nestjs/*',
  '@mikro-orm/*',
  'bullmq',
  'ioredis',
  'exceljs',
  'express',
  'pino',
  'nestjs-pino',
  'node:fs',
  'node:fs/*',
  'fs',
  'node:net',
  'node:http',
];

/**
 * Feature modules from the bottom up (style.md "Who owns a table"): a module imports only modules below
 * it. A module that needs something from above gets it through an injected interface (a token).
 */
export const MODULE_LAYERS = [
  'access',
  'audit',
  'offices',
  'auth',
  'reference',
  'policies',
  'snapshots',
  'ledger-facts',
  'employers',
  'flags',
  'cases',
  'reconciliation',
  'receipts',
  'imports',
  'reports',
  'arrears',
  'health',
];

/** Modules that own no table: they hold no EntityManager and import no ORM package. */
export const TABLELESS_MODULES = ['access', 'arrears', 'receipts', 'health'];

const here = path.dirname(fileURLToPath(import.meta.url));

/** `src/modules/<name>/…` of an absolute path, or null. */
function moduleOf(file) {
  const rel = path.relative(here, file).split(path.sep);
  return rel[0] === 'src' && rel[1] === 'modules' && rel.length > 3 ? rel[2] : null;
}

/**
 * `sothu/boundaries`: resolves each relative import of a file under `src/` and refuses
 * - another module's files other than its `index.ts` (a module's surface is its index);
 * - a module above the importer in MODULE_LAYERS (arrows point down);
 * - anything under `seeds/` (reference data is loaded by path from configuration, not imported).
 */
const boundariesRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = context.filename;
    const from = moduleOf(file);
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      const rel = path.relative(here, target).split(path.sep);
      if (rel[0] === 'test' && !file.endsWith('.spec.ts')) {
        context.report({
          node,
          message:
            'src/ never imports test/ code (test helpers live under test/ and import src/, not the reverse).',
        });
        return;
      }
      if (rel[0] === 'seeds') {
        context.report({
          node,
          message: 'src/ never imports seeds/ code: load reference data by path (REFERENCE_DIR).',
        });
        return;
      }
      const to = moduleOf(target);
      if (!from || !to || to === from) return;
      if (!(rel.length === 4 && /^index(\.js|\.ts)?$/.test(rel[3]))) {
        context.report({
          node,
          message: `modules import each other only through index.ts: import '${to}' from '…/${to}/index.js'.`,
        });
      }
      const a = MODULE_LAYERS.indexOf(from);
      const b = MODULE_LAYERS.indexOf(to);
      if (a < 0 || b < 0) {
        context.report({
          node,
          message: `every module has a place in MODULE_LAYERS (eslint.config.js): '${a < 0 ? from : to}' has none.`,
        });
      } else if (b > a) {
        context.report({
          node,
          message: `module '${from}' may not import '${to}', which is above it (MODULE_LAYERS): pass it down through an injected interface instead.`,
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

/** Libraries loaded on first use: a value import of one at a module's top is refused. */
export const heavyLibraryImports = {
  patterns: [
    {
      group: ['exceljs', 'pdfkit', 'archiver', '@e965/xlsx', '@bull-board/*'],
      allowTypeImports: true,
      message:
        'load it when first used (src/infrastructure/heavy-libraries.ts), so that processes which never use it do not keep it; `import type` is fine.',
    },
  ],
};

export const boundaryRules = {
  domain: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: frameworkPackages,
            message:
              'src/domain is pure: no framework, database, queue, spreadsheet or I/O imports.',
          },
          {
            regex:
              '^(\\.\\./)+(config|database|infrastructure|modules|bootstrap|app\\.module|main|jobs|seeds|test)(/|\\.|$)',
            message: 'src/domain imports only src/domain.',
          },
        ],
      },
    ],
  },
  shared: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: frameworkPackages,
            message:
              'src/shared is read by the server and the browser console: pure, no framework, database, queue, spreadsheet or I/O imports.',
          },
          {
            regex:
              '^(\\.\\./)+(config|database|domain|infrastructure|modules|bootstrap|app\\.module|main|jobs|seeds|test|web)(/|\\.|$)',
            message: 'src/shared imports only src/shared (the console bundles it too).',
          },
        ],
      },
    ],
  },
  web: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: frameworkPackages,
            message:
              'src/web is the browser console: it speaks to the service over HTTP only, no server packages.',
          },
          {
            regex:
              '^(\\.\\./)+(config|database|domain|infrastructure|modules|bootstrap|app\\.module|main|jobs|seeds|test)(/|\\.|$)',
            message: 'src/web imports only src/web (the API is its contract, not the server code).',
          },
        ],
      },
    ],
  },
  src: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '(^|/)jobs(/|$)',
            message: 'src/ never imports jobs/ (jobs/ may import src/).',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.bench-dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'bench/out/**',
      'test/e2e/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/domain/**', 'src/shared/**', 'src/web/**'],
    rules: boundaryRules.src,
  },
  {
    // exceljs, pdfkit, archiver, SheetJS and Bull Board load when first used (heavy-libraries.ts,
    // queue-dashboard.ts), not with every process: a worker that never writes such a file does not
    // keep them (~22 MB of an idle worker's RSS). Types may still be imported anywhere.
    files: ['src/**/*.ts'],
    ignores: ['src/web/**', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', heavyLibraryImports] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/web/**'],
    plugins: { sothu: { rules: { boundaries: boundariesRule } } },
    rules: { 'sothu/boundaries': 'error' },
  },
  {
    files: TABLELESS_MODULES.map((m) => `src/modules/${m}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@mikro-orm/*'],
              message:
                'this module owns no table: read and write through the owners (their index.ts), pass their transactions as Tx (src/database/transaction.ts).',
            },
            {
              regex: '(^|/)jobs(/|$)',
              message: 'src/ never imports jobs/ (jobs/ may import src/).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        sessionStorage: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
      },
    },
    rules: boundaryRules.web,
  },
  { files: ['src/domain/**/*.ts'], rules: boundaryRules.domain },
  { files: ['src/shared/**/*.ts'], rules: boundaryRules.shared },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts', 'seeds/**/*.ts', 'jobs/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
