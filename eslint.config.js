// @ts-check
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

export const boundaryRules = {
  domain: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: frameworkPackages,
            message: 'src/domain is pure: no framework, database, queue, spreadsheet or I/O imports.',
          },
          {
            regex: '^(\\.\\./)+(config|database|infrastructure|modules|bootstrap|app\\.module|main|jobs|seeds|test)(/|\\.|$)',
            message: 'src/domain imports only src/domain.',
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
            message: 'src/web is the browser console: it speaks to the service over HTTP only, no server packages.',
          },
          {
            regex: '^(\\.\\./)+(config|database|domain|infrastructure|modules|bootstrap|app\\.module|main|jobs|seeds|test)(/|\\.|$)',
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
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/out/**', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['src/**/*.ts'], ignores: ['src/domain/**', 'src/web/**'], rules: boundaryRules.src },
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
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts', 'seeds/**/*.ts', 'jobs/**/*.ts', 'src/database/cli/**'],
    rules: { 'no-console': 'off' },
  },
);
