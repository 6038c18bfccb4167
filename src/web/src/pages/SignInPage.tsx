import { Alert, App as AntApp, Button } from 'antd';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorAlert, Field } from '../components/common.js';
import { sessionExpired, TOKEN_KEY } from '../lib/api.js';
import { useAuth } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';
import { safeNext } from '../lib/paths.js';
import { navigate, useRoute } from '../lib/router.js';

export function SignInPage() {
  const { t, lang, setLang } = useI18n();
  const { signIn, state } = useAuth();
  const { query } = useRoute();
  const [expired] = useState(sessionExpired);
  // signed in meanwhile in another tab: back to where the user was (a signed-in user opening this page
  // on purpose, to change account, stays)
  const [otherTab, setOtherTab] = useState(false);
  useEffect(() => {
    const on = (e: StorageEvent) => {
      if (e.key === TOKEN_KEY && e.newValue) setOtherTab(true);
    };
    window.addEventListener('storage', on);
    return () => window.removeEventListener('storage', on);
  }, []);
  useEffect(() => {
    if (otherTab && state.status === 'signed-in') navigate(safeNext(query.get('next')), { replace: true });
  }, [otherTab, state, query]);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      navigate(safeNext(query.get('next')), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h1 className="page-title">{t('signInTitle')}</h1>
        <Button size="small" lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} data-testid="switch-language">
          {lang === 'vi' ? t('switchToEnglish') : t('switchToVietnamese')}
        </Button>
      </div>
      {expired ? <Alert type="warning" showIcon title={t('sessionExpired')} className="auth-note" data-testid="session-expired" /> : null}
      <p className="intro">{t('signInHint')}</p>
      <form onSubmit={submit} aria-label={t('signIn')}>
        <Field id="sign-in-email" label={t('email')}>
          <input id="sign-in-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field id="sign-in-password" label={t('password')}>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {error ? <ErrorAlert error={error} /> : null}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('signIn')}
        </Button>
      </form>
    </div>
  );
}

/** After an administrator's reset: the one-time password is replaced before anything else opens. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { changePassword } = useAuth();
  const { message } = AntApp.useApp();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (next !== again) return setError(new Error(t('passwordsDiffer')));
    setBusy(true);
    try {
      await changePassword(current, next);
      void message.success(t('passwordChanged'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="sign-in">
      <h1 className="page-title">{t('changePasswordTitle')}</h1>
      <p className="intro">{t('changePasswordHint')}</p>
      <form onSubmit={submit} aria-label={t('changePassword')}>
        <Field id="pw-current" label={t('currentPassword')}>
          <input id="pw-current" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </Field>
        <Field id="pw-new" label={t('newPassword')}>
          <input id="pw-new" type="password" autoComplete="new-password" required minLength={10} value={next} onChange={(e) => setNext(e.target.value)} />
        </Field>
        <Field id="pw-again" label={t('newPasswordAgain')}>
          <input id="pw-again" type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
        </Field>
        {error ? <ErrorAlert error={error} /> : null}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('changePassword')}
        </Button>
      </form>
    </div>
  );
}
