import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Space, Table, Tag, Typography } from 'antd';
import { type FormEvent, useState } from 'react';
import { DateField, ErrorAlert, Field, PageTitle, QueryView, Section, SelectField, TAG_COLORS } from '../components/common.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { Pager } from '../components/Pager.js';
import { api, asPage, withQuery } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { AUDIT_ACTIONS, auditActionText } from '../../../shared/audit-actions.js';
import { setQuery, useRoute } from '../lib/router.js';
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
  provinces?: string[];
  active?: boolean;
  lockedUntil?: string | null;
  mustChangePassword?: boolean;
}

type UserAction = 'deactivate' | 'activate' | 'unlock' | 'password-reset';

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
  const { modal } = AntApp.useApp();
  const [oneTime, setOneTime] = useState<{ email: string; password: string } | null>(null);
  const act = useMutation({
    mutationFn: ({ user, action }: { user: User; action: UserAction }) =>
      api<{ oneTimePassword?: string }>(`/api/users/${encodeURIComponent(user.id)}/${action}`, { method: 'POST' }),
    onSuccess: (res, { user, action }) => {
      if (action === 'password-reset' && res.oneTimePassword) setOneTime({ email: user.email, password: res.oneTimePassword });
      else if (action === 'deactivate') void message.success(t('userDeactivated', { email: user.email }));
      else if (action === 'activate') void message.success(t('userActivated', { email: user.email }));
      else if (action === 'unlock') void message.success(t('userUnlocked', { email: user.email }));
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const confirm = (user: User, action: UserAction) => {
    if (action !== 'deactivate' && action !== 'password-reset') return act.mutate({ user, action });
    void modal.confirm({
      title: t('confirmAction'),
      content: t(action === 'deactivate' ? 'confirmDeactivate' : 'confirmResetPassword', { email: user.email }),
      okText: t(action === 'deactivate' ? 'deactivate' : 'resetPassword'),
      okButtonProps: { danger: action === 'deactivate' },
      cancelText: t('cancel'),
      onOk: () => act.mutateAsync({ user, action }).catch(() => undefined),
    });
  };
  const locked = (u: User) => !!u.lockedUntil && Date.parse(u.lockedUntil) > Date.now();
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
        {oneTime ? (
          <Alert
            type="warning"
            showIcon
            closable={{ onClose: () => setOneTime(null) }}
            title={t('oneTimePasswordTitle', { email: oneTime.email })}
            description={
              <>
                <Typography.Text code copyable data-testid="one-time-password">
                  {oneTime.password}
                </Typography.Text>
                <div>{t('oneTimePasswordHint')}</div>
              </>
            }
            className="auth-note"
          />
        ) : null}
        {act.error ? <ErrorAlert error={act.error} /> : null}
        <QueryView query={users}>
          {(items) => (
            <Table<User>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={items}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('email'), dataIndex: 'email', className: 'nowrap' },
                { title: t('role'), dataIndex: 'role', render: (v: string) => te('role', v) },
                {
                  title: t('userStatus'),
                  key: 'status',
                  render: (_: unknown, u: User) => (
                    <Space size={4} wrap>
                      {u.active === false ? <Tag color={TAG_COLORS.red}>{t('userInactive')}</Tag> : <Tag color={TAG_COLORS.green}>{t('userActive')}</Tag>}
                      {locked(u) ? <Tag color={TAG_COLORS.orange}>{t('userLockedUntil', { time: formatDateTime(u.lockedUntil!) })}</Tag> : null}
                      {u.mustChangePassword ? <Tag color={TAG_COLORS.blue}>{t('userMustChange')}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  title: t('actions'),
                  key: 'actions',
                  render: (_: unknown, u: User) => (
                    <Space size={4} wrap>
                      {u.active === false ? (
                        <Button size="small" onClick={() => confirm(u, 'activate')}>
                          {t('activate')}
                        </Button>
                      ) : (
                        <Button size="small" danger onClick={() => confirm(u, 'deactivate')}>
                          {t('deactivate')}
                        </Button>
                      )}
                      <Button size="small" onClick={() => confirm(u, 'password-reset')}>
                        {t('resetPassword')}
                      </Button>
                      {locked(u) ? (
                        <Button size="small" onClick={() => confirm(u, 'unlock')}>
                          {t('unlock')}
                        </Button>
                      ) : null}
                    </Space>
                  ),
                },
                { title: t('offices'), dataIndex: 'offices', render: (v: string[], u: User) => [...(v ?? []), ...(u.provinces ?? []).map((p) => `${t('provinceCode')} ${p}`)].join(', ') },
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

interface AuditEvent {
  id: number;
  at: string;
  email: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

/** `/api/audit` with filters in the URL (who, what, from, to) and the same filter as a workbook. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const { query } = useRoute();
  const filter = {
    email: query.get('email') ?? '',
    action: query.get('action') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
  const [form, setForm] = useState(filter);
  const [stack, setStack] = useState<string[]>([]);
  const cursor = stack[stack.length - 1];
  const events = useQuery({
    queryKey: ['audit', filter, cursor],
    queryFn: async () => asPage<AuditEvent>(await api('/api/audit', { query: { ...filter, cursor, limit: 50 } })),
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setStack([]);
    setQuery({ email: form.email.trim(), action: form.action.trim(), from: form.from, to: form.to });
  };
  return (
    <>
      <PageTitle
        extra={
          <DownloadLink href={withQuery('/api/audit.xlsx', filter)} fileName="sothu-audit.xlsx" button>
            {t('auditXlsx')}
          </DownloadLink>
        }
      >
        {t('auditTitle')}
      </PageTitle>
      <p className="intro">{t('auditIntro')}</p>
      <form className="form-row" onSubmit={apply} aria-label={t('filter')}>
        <Field id="audit-email" label={t('auditWho')}>
          <input id="audit-email" type="search" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </Field>
        <Field id="audit-action" label={t('auditAction')}>
          <input
            id="audit-action"
            type="search"
            list="audit-action-codes"
            value={form.action}
            onChange={(e) => setForm({ ...form, action: e.target.value })}
          />
          <datalist id="audit-action-codes">
            {Object.keys(AUDIT_ACTIONS).map((a) => (
              <option key={a} value={a} label={auditActionText(a, lang)} />
            ))}
          </datalist>
        </Field>
        <DateField id="audit-from" label={t('auditFrom')} value={form.from} onChange={(v) => setForm({ ...form, from: v })} />
        <DateField id="audit-to" label={t('auditTo')} value={form.to} onChange={(v) => setForm({ ...form, to: v })} />
        <Button type="primary" htmlType="submit">
          {t('filter')}
        </Button>
      </form>
      <Section title={t('auditTitle')}>
        <QueryView query={events}>
          {(page) => (
            <>
              <Table<AuditEvent>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={page.items}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('auditAt'), dataIndex: 'at', className: 'nowrap', render: (v: string) => formatDateTime(v) },
                  { title: t('auditWho'), dataIndex: 'email', className: 'nowrap', render: (v: string | null) => v ?? '—' },
                  {
                    title: t('auditAction'),
                    dataIndex: 'action',
                    render: (v: string) => (
                      <>
                        {auditActionText(v, lang)}
                        {AUDIT_ACTIONS[v] && (
                          <Typography.Text type="secondary" className="audit-code">
                            {' '}
                            <code>{v}</code>
                          </Typography.Text>
                        )}
                      </>
                    ),
                  },
                  {
                    title: t('auditObject'),
                    key: 'object',
                    className: 'nowrap',
                    render: (_: unknown, e: AuditEvent) => (e.objectType ? `${e.objectType} ${e.objectId ?? ''}` : '—'),
                  },
                  {
                    title: t('auditDetails'),
                    dataIndex: 'details',
                    render: (v: Record<string, unknown> | null) => (v ? <code className="audit-details">{JSON.stringify(v)}</code> : '—'),
                  },
                  { title: t('auditIp'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
                ]}
              />
              <Pager stack={stack} next={page.nextCursor} onChange={setStack} />
            </>
          )}
        </QueryView>
      </Section>
    </>
  );
}
