import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { eventually } from './harness.js';

export interface ImportBatchView {
  id: string;
  status: string;
  message: string | null;
  counts: { valid: number; invalid: number; committed: number; problems: number };
  problems: {
    sheet: string | null;
    row: number | null;
    column: string | null;
    code: string;
    message: string;
    level: string;
    details?: Record<string, unknown>;
  }[];
  [k: string]: unknown;
}

/** Drives the import endpoints the way the console does: upload, wait for the parse, commit, wait. */
export function importClient(
  app: () => INestApplication,
  headers: () => Record<string, string> = () => ({}),
) {
  const http = () => request(app().getHttpServer());
  const upload = async (
    path: string,
    kind: string,
    fields: Record<string, string> = {},
  ): Promise<string> => {
    let req = http().post('/api/imports').set(headers()).field('kind', kind);
    for (const [f, v] of Object.entries(fields)) req = req.field(f, v);
    const res = await req.attach('file', readFileSync(path), basename(path)).expect(202);
    return res.body.id as string;
  };
  const settle = (id: string, until: string[], timeoutMs = 30000): Promise<ImportBatchView> =>
    eventually(async () => {
      const res = await http().get(`/api/imports/${id}`).set(headers()).expect(200);
      if (res.body.status === 'failed') throw new Error(`import failed: ${res.body.message}`);
      return until.includes(res.body.status) ? (res.body as ImportBatchView) : undefined;
    }, timeoutMs);
  const validated = async (path: string, kind: string, fields?: Record<string, string>) =>
    settle(await upload(path, kind, fields), ['validated', 'rejected']);
  const commit = async (id: string) => {
    await http().post(`/api/imports/${id}/commit`).set(headers()).expect(202);
    return settle(id, ['committed']);
  };
  const importAndCommit = async (path: string, kind: string, fields?: Record<string, string>) => {
    const b = await validated(path, kind, fields);
    if (b.status !== 'validated')
      throw new Error(`${basename(path)} as ${kind}: ${b.status} — ${b.message}`);
    return commit(b.id);
  };
  return { upload, settle, validated, commit, importAndCommit };
}
