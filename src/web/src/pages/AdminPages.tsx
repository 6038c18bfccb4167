import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Table } from 'antd';
import { type FormEvent, useState } from 'react';
import { ErrorAlert, Field, PageTitle, QueryView, Section, SelectField } from '../components/common.js';
import { api, asPage } from '../lib/api.js';
import type { Role } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';
import { matchesWords } from '../lib/search.js';
import { type Office, useOffices } from './EmployersPage.js';

export function OfficesPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const offices = useOffices();
  const [form, setForm] = useState({ code: '', name: '', provinceCode: '' });
  const create = useMutation({
    mutationFn: () => api<Office>('/api/offices', { body: form }),
    onSuccess: (o) => {
      void message.success(t('officeCreated', { code: o.code }));
      setForm({ code: '', name: '', provinceCode: '' });
      void qc.invalidateQueries({ queryKey: ['offices'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <>
      <PageTitle>{t('officesTitle')}</PageTitle>
      <Section title={t('create')}>
        <form className="form-row" onSubmit={submit} aria-label={t('create')}>
          <Field id="office-code" label={t('officeCode')}>
            <input id="office-code" required maxLength={5} value={form.code} onChange={set('code')} />
          </Field>
          <Field id="office-name" label={t('officeName')}>
            <input id="office-name" required value={form.name} onChange={set('name')} />
          </Field>
          <Field id="office-province" label={t('provinceCode')}>
            <input id="office-province" required maxLength={5} value={form.provinceCode} onChange={set('provinceCode')} />
          </Field>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('create')}
          </Button>
        </form>
        {create.error ? <ErrorAlert error={create.error} /> : null}
      </Section>
      <Section title={t('officesTitle')}>
        <QueryView query={offices}>
          {(items) => (
            <Table<Office>
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={items}
              columns={[
                { title: t('officeCode'), dataIndex: 'code' },
                { title: t('officeName'), dataIndex: 'name' },
                { title: t('provinceCode'), dataIndex: 'provinceCode' },
              ]}
            />
          )}
        </QueryView>
      </Section>
    </>
  );
}

interface User {
  id: string;
  email: string;
  role: Role;
  offices: string[];
}

const ROLES: Role[] = ['officer', 'inspector', 'admin'];

export function UsersPage() {
  const { t, te } = useI18n();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: async () => asPage<User>(await api('/api/users')).items });
  const offices = useOffices();
  const [form, setForm] = useState({ email: '', password: '', role: 'officer' as Role, offices: [] as string[] });
  const [officeQuery, setOfficeQuery] = useState('');
  // accent-blind, as the employer search; offices already chosen stay listed
  const officeOptions = (offices.data ?? []).filter(
    (o) => form.offices.includes(o.code) || matchesWords(officeQuery, `${o.code} ${o.name}`),
  );
  const create = useMutation({
    mutationFn: () => api<User>('/api/users', { body: form }),
    onSuccess: (u) => {
      void message.success(t('userCreated', { email: u.email ?? form.email }));
      setForm({ email: '', password: '', role: 'officer', offices: [] });
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
  return (
    <>
      <PageTitle>{t('usersTitle')}</PageTitle>
      <Section title={t('create')}>
        <form
          className="form-row"
          aria-label={t('create')}
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Field id="user-email" label={t('email')}>
            <input id="user-email" type="email" required autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </Field>
          <Field id="user-password" label={t('password')}>
            <input
              id="user-password"
              type="password"
              required
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          </Field>
          <SelectField
            id="user-role"
            label={t('role')}
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
            options={ROLES.map((r) => ({ value: r, label: te('role', r) }))}
          />
          <Field id="user-office-q" label={t('officeSearch')}>
            <input id="user-office-q" type="search" value={officeQuery} onChange={(e) => setOfficeQuery(e.target.value)} />
          </Field>
          <Field id="user-offices" label={t('offices')}>
            <select
              id="user-offices"
              multiple
              size={Math.min(4, Math.max(2, officeOptions.length))}
              value={form.offices}
              onChange={(e) => setForm({ ...form, offices: [...e.target.selectedOptions].map((o) => o.value) })}
            >
              {officeOptions.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.code} — {o.name}
                </option>
              ))}
            </select>
          </Field>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('create')}
          </Button>
        </form>
        {create.error ? <ErrorAlert error={create.error} /> : null}
      </Section>
      <Section title={t('usersTitle')}>
        <QueryView query={users}>
          {(items) => (
            <Table<User>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={items}
              columns={[
                { title: t('email'), dataIndex: 'email' },
                { title: t('role'), dataIndex: 'role', render: (v: string) => te('role', v) },
                { title: t('offices'), dataIndex: 'offices', render: (v: string[]) => (v ?? []).join(', ') },
              ]}
            />
          )}
        </QueryView>
      </Section>
      <p>
        <a href="/admin/queues">{t('menuQueues')}</a> — {t('queuesHint')}
      </p>
    </>
  );
}
