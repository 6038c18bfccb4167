import { Alert, App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { lazy, type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { ErrorAlert } from './components/common.js';
import { useFocusableScrollRegions } from './components/scroll-regions.js';
import { UNAUTHORIZED_EVENT } from './lib/api.js';
import { type Role, useAuth } from './lib/auth.js';
import { type MessageKey, useI18n } from './lib/i18n.js';
import { Link, matchPath, navigate, useRoute } from './lib/router.js';
import { AuditPage, OfficesPage, UsersPage } from './pages/AdminPages.js';
import { EmployersPage } from './pages/EmployersPage.js';
import { ImportPage, ImportSetPage, ImportsPage } from './pages/ImportsPages.js';
import { ReceiptsPage } from './pages/ReceiptsPage.js';
import { ReferencePage } from './pages/ReferencePage.js';
import { ChangePasswordPage, SignInPage } from './pages/SignInPage.js';

// the pages with charts load on demand: ECharts stays out of the first download
const EmployerPage = lazy(() => import('./pages/EmployerPage.js').then((m) => ({ default: m.EmployerPage })));
const OfficeViewPage = lazy(() => import('./pages/OfficeViewPage.js').then((m) => ({ default: m.OfficeViewPage })));
const inspector = () => import('./pages/InspectorPages.js');
const FlagsPage = lazy(() => inspector().then((m) => ({ default: m.FlagsPage })));
const InspectionQueuePage = lazy(() => inspector().then((m) => ({ default: m.InspectionQueuePage })));
const FlagPage = lazy(() => inspector().then((m) => ({ default: m.FlagPage })));
const CasesPage = lazy(() => inspector().then((m) => ({ default: m.CasesPage })));
const CasePage = lazy(() => inspector().then((m) => ({ default: m.CasePage })));

type Params = Record<string, string>;

/** antd's default greys and link blue fall short of WCAG AA contrast on white: darker ones. */
const THEME = {
  token: {
    colorPrimary: '#1565c0',
    colorLink: '#0d47a1',
    colorLinkHover: '#1565c0',
    colorPrimaryHover: '#0d47a1',
    colorPrimaryActive: '#0a3880',
    colorTextDescription: '#595959',
    colorTextTertiary: '#595959',
    colorTextSecondary: '#4a4a4a',
    // antd's red (#ff4d4f) is 3.3:1 on white: too light for the "rejected" step and error texts
    colorError: '#c62828',
    borderRadius: 6,
  },
};
/** The same, without antd's motion: for people whose system asks for less of it. */
const THEME_STILL = { ...THEME, token: { ...THEME.token, motion: false } };

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/**
 * Whether the system asks for reduced motion (`prefers-reduced-motion`), followed as it changes. Dialogs and
 * menus then open and close at once; browser tests ask for it too, so a dialog is gone when it is closed.
 */
function usePrefersReducedMotion(): boolean {
  const [reduce, setReduce] = useState(() => window.matchMedia?.(REDUCED_MOTION).matches === true);
  useEffect(() => {
    const query = window.matchMedia?.(REDUCED_MOTION);
    if (!query) return;
    const follow = () => setReduce(query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return reduce;
}

interface RouteDef {
  path: string;
  roles: Role[];
  render: (p: Params) => ReactNode;
}

const OFFICE: Role[] = ['officer', 'admin'];
const INSPECT: Role[] = ['inspector', 'admin'];
const EVERYONE: Role[] = ['officer', 'inspector', 'admin'];
const ADMIN: Role[] = ['admin'];

/** Every page of the console; the menu shows the ones the user's role may open. */
const ROUTES: RouteDef[] = [
  { path: '/imports', roles: OFFICE, render: () => <ImportsPage /> },
  { path: '/imports/:id', roles: OFFICE, render: (p) => <ImportPage id={p.id} /> },
  { path: '/import-sets/:id', roles: OFFICE, render: (p) => <ImportSetPage id={p.id} /> },
  { path: '/receipts', roles: OFFICE, render: () => <ReceiptsPage /> },
  { path: '/employers', roles: EVERYONE, render: () => <EmployersPage /> },
  { path: '/employers/:code', roles: EVERYONE, render: (p) => <EmployerPage code={p.code} /> },
  { path: '/inspection', roles: INSPECT, render: () => <InspectionQueuePage /> },
  { path: '/flags', roles: INSPECT, render: () => <FlagsPage /> },
  { path: '/flags/:id', roles: INSPECT, render: (p) => <FlagPage id={p.id} /> },
  { path: '/cases', roles: INSPECT, render: () => <CasesPage /> },
  { path: '/cases/:id', roles: INSPECT, render: (p) => <CasePage id={p.id} /> },
  { path: '/office', roles: EVERYONE, render: () => <OfficeViewPage /> },
  { path: '/admin/offices', roles: ADMIN, render: () => <OfficesPage /> },
  { path: '/admin/users', roles: ADMIN, render: () => <UsersPage /> },
  { path: '/admin/reference', roles: ADMIN, render: () => <ReferencePage /> },
  { path: '/admin/audit', roles: ADMIN, render: () => <AuditPage /> },
];

interface NavItem {
  href: string;
  label: MessageKey;
  roles: Role[];
  /** a server page (the queue dashboard), not a console route */
  external?: boolean;
}

const NAV: { group?: MessageKey; items: NavItem[] }[] = [
  {
    items: [
      { href: '/imports', label: 'menuImports', roles: OFFICE },
      { href: '/receipts', label: 'menuReceipts', roles: OFFICE },
      { href: '/employers', label: 'menuEmployers', roles: EVERYONE },
      { href: '/inspection', label: 'menuQueue', roles: INSPECT },
      { href: '/flags', label: 'menuFlags', roles: INSPECT },
      { href: '/cases', label: 'menuCases', roles: INSPECT },
      { href: '/office', label: 'menuOffice', roles: EVERYONE },
    ],
  },
  {
    group: 'menuAdmin',
    items: [
      { href: '/admin/offices', label: 'menuOffices', roles: ADMIN },
      { href: '/admin/users', label: 'menuUsers', roles: ADMIN },
      { href: '/admin/reference', label: 'menuReference', roles: ADMIN },
      { href: '/admin/audit', label: 'menuAudit', roles: ADMIN },
      { href: '/admin/queues', label: 'menuQueues', roles: ADMIN, external: true },
    ],
  },
];

function homeOf(role: Role | null): string {
  return role === 'inspector' ? '/inspection' : '/imports';
}

function Nav({ path, id, open }: { path: string; id: string; open: boolean }) {
  const { t } = useI18n();
  const { allows } = useAuth();
  return (
    <nav className={`nav${open ? ' open' : ''}`} id={id} aria-label={t('mainMenu')}>
      {NAV.map((g, i) => {
        const items = g.items.filter((it) => allows(it.roles));
        if (!items.length) return null;
        return (
          <div key={i}>
            {g.group ? (
              <div className="nav-group" id={`nav-group-${i}`}>
                {t(g.group)}
              </div>
            ) : null}
            <ul aria-labelledby={g.group ? `nav-group-${i}` : undefined}>
              {items.map((it) => {
                const current = path === it.href || path.startsWith(`${it.href}/`);
                return (
                  <li key={it.href}>
                    {it.external ? (
                      <a href={it.href}>{t(it.label)}</a>
                    ) : (
                      <Link href={it.href} aria-current={current ? 'page' : undefined}>
                        {t(it.label)}
                      </Link>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

function TopBar() {
  const { t, lang, setLang, te } = useI18n();
  const { state, signOut } = useAuth();
  return (
    <header className="topbar">
      {state.status === 'signed-in' ? (
        <span className="who">{t('signedInAs', { email: state.me.email, role: te('role', state.me.role) })}</span>
      ) : null}
      <Button
        onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
        lang={lang === 'vi' ? 'en' : 'vi'}
        aria-label={`${t('language')}: ${lang === 'vi' ? t('switchToEnglish') : t('switchToVietnamese')}`}
        data-testid="switch-language"
      >
        {lang === 'vi' ? t('switchToEnglish') : t('switchToVietnamese')}
      </Button>
      {state.status === 'signed-in' ? (
        <Button
          onClick={() => {
            void signOut().then(() => navigate('/sign-in'));
          }}
        >
          {t('signOut')}
        </Button>
      ) : null}
    </header>
  );
}

export function App() {
  const { t, lang } = useI18n();
  const { state, allows } = useAuth();
  const { path } = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  useFocusableScrollRegions();
  const reduceMotion = usePrefersReducedMotion();

  // any 401 (an expired token; api() has dropped it and noted the expiry) goes to the sign-in page,
  // coming back here afterwards
  useEffect(() => {
    const on = () => {
      const here = window.location.pathname + window.location.search;
      if (window.location.pathname !== '/sign-in') navigate(`/sign-in?next=${encodeURIComponent(here)}`);
    };
    window.addEventListener(UNAUTHORIZED_EVENT, on);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, on);
  }, []);

  useEffect(() => {
    if (state.status === 'signed-out' && path !== '/sign-in') {
      navigate(`/sign-in?next=${encodeURIComponent(path + window.location.search)}`, { replace: true });
    }
    if (path === '/' && (state.status === 'signed-in' || state.status === 'disabled')) {
      navigate(homeOf(state.status === 'signed-in' ? state.me.role : null), { replace: true });
    }
  }, [state, path]);

  // after following a link, move focus to the new page's content (as a screen reader user expects);
  // not on the first load, where the first Tab must reach "skip to content"
  const firstPath = useRef(path);
  useEffect(() => {
    if (path !== firstPath.current) {
      firstPath.current = '';
      mainRef.current?.focus({ preventScroll: true });
    }
  }, [path]);

  // the menu is a drawer on narrow screens: closed after following a link
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);

  let content: ReactNode;
  if (path === '/sign-in') {
    content = <SignInPage />;
  } else if (state.status === 'signed-in' && state.me.mustChangePassword) {
    content = <ChangePasswordPage />;
  } else if (state.status === 'loading' || state.status === 'signed-out') {
    content = <Spin description={t('loading')} />;
  } else if (state.status === 'error') {
    content = <ErrorAlert error={state.error} />;
  } else {
    let found: ReactNode = null;
    for (const r of ROUTES) {
      const params = matchPath(r.path, path);
      if (params) {
        found = allows(r.roles) ? r.render(params) : <Result status="403" title="403" subTitle={t('forbidden')} />;
        break;
      }
    }
    content =
      found ??
      (path === '/' ? (
        <Spin description={t('loading')} />
      ) : (
        <Result
          status="404"
          title="404"
          subTitle={t('notFound')}
          extra={
            <Link href="/" className="ant-btn ant-btn-primary">
              {t('backHome')}
            </Link>
          }
        />
      ));
  }

  const showShell = path !== '/sign-in';
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={reduceMotion ? THEME_STILL : THEME}>
      <AntApp>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      {showShell ? (
        <div className="shell">
          <aside className="sidebar">
            <div className="brand">
              <div>
                <Link href="/" className="brand-name">
                  {t('appName')}
                </Link>
                <div className="brand-sub">{t('appSubtitle')}</div>
              </div>
              <button
                type="button"
                className="menu-toggle"
                aria-expanded={menuOpen}
                aria-controls="main-menu"
                onClick={() => setMenuOpen(!menuOpen)}
                data-testid="menu-toggle"
              >
                <span aria-hidden="true">☰</span> {menuOpen ? t('closeMenu') : t('openMenu')}
              </button>
            </div>
            <Nav path={path} id="main-menu" open={menuOpen} />
          </aside>
          <div className="main-col">
            <TopBar />
            <main id="main" ref={mainRef} tabIndex={-1}>
              {state.status === 'disabled' ? (
                <Alert className="auth-note" type="info" showIcon title={t('authDisabled')} data-testid="auth-disabled" />
              ) : null}
              <Suspense fallback={<Spin description={t('loading')} />}>{content}</Suspense>
            </main>
          </div>
        </div>
      ) : (
        <main id="main" ref={mainRef} tabIndex={-1}>
          {content}
        </main>
      )}
      </AntApp>
    </ConfigProvider>
  );
}
