import { Suspense, useEffect, useMemo, useState } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useLocale } from '../i18n/locale';
import { Msg, useT } from '../i18n/messages';
import LoginPage from '../pages/account/LoginPage';
import { appMessages } from './app.messages';
import { AREAS, routesFor } from './areas';
import { Link, matchPath, navigate, useLocation } from './router';
import type { PageRoute, Role } from './route-types';
import { useCurrentUser, useSession, type CurrentUser } from './session';

function findRoute(routes: PageRoute[], pathname: string): { route: PageRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** The menu entry to highlight: the longest menu path the current path starts with. */
function selectedMenu(routes: PageRoute[], pathname: string): string[] {
  const candidates = routes.filter((r) => r.menu && (pathname === r.path || pathname.startsWith(`${r.path}/`)));
  candidates.sort((a, b) => b.path.length - a.path.length);
  return candidates[0] ? [candidates[0].path] : [];
}

function RoleMenu({ role, pathname, onNavigate }: { role: Role; pathname: string; onNavigate?: () => void }) {
  const routes = routesFor(role);
  const items = routes
    .filter((r) => r.menu)
    .sort((a, b) => (a.menu?.order ?? 0) - (b.menu?.order ?? 0))
    .map((r) => ({
      key: r.path,
      icon: r.menu?.icon,
      label: (
        <Link to={r.path} onClick={onNavigate} data-menu={r.path}>
          {r.menu && <Msg m={r.menu.label} />}
        </Link>
      ),
    }));
  return <Menu mode="inline" selectedKeys={selectedMenu(routes, pathname)} items={items} style={{ borderInlineEnd: 0 }} />;
}

function Page({ user, pathname }: { user: CurrentUser; pathname: string }) {
  const t = useT(appMessages);
  const role = user.role as Role;
  const found = findRoute(routesFor(role), pathname);
  if (found) {
    const PageComponent = found.route.page;
    return (
      <Suspense fallback={<Spin tip={t('loading')} style={{ display: 'block', marginTop: 64 }} />}>
        <PageComponent params={found.params} />
      </Suspense>
    );
  }
  const otherRole = (Object.keys(AREAS) as Role[]).some((r) => r !== role && findRoute(AREAS[r].routes, pathname));
  return (
    <Result
      status={otherRole ? '403' : '404'}
      title={otherRole ? t('otherRole') : t('notFound')}
      subTitle={otherRole ? t('otherRoleDetail', { role: t(`role${role}`) }) : t('notFoundDetail')}
      extra={<Link to={AREAS[role].home}>{t('home')}</Link>}
    />
  );
}

function Workspace({ user }: { user: CurrentUser }) {
  const t = useT(appMessages);
  const { locale } = useLocale();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const role = user.role as Role;
  const narrow = screens.lg === false;
  const organization = locale === 'en-US' && user.organization.nameEn ? user.organization.nameEn : user.organization.legalName;
  const menu = <RoleMenu role={role} pathname={pathname} onNavigate={() => setDrawer(false)} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider width={220} theme="light" className="zlt-sider">
          <Link to={AREAS[role].home} className="zlt-brand">
            {t('name')}
          </Link>
          <nav aria-label={t('menu')}>{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="zlt-header">
          <Space size={8} wrap>
            {narrow && <Button icon={<MenuOutlined />} aria-label={t('menu')} onClick={() => setDrawer(true)} />}
            {narrow && (
              <Link to={AREAS[role].home} className="zlt-brand-inline">
                {t('name')}
              </Link>
            )}
            <Tag color="blue" data-testid="current-role">
              {t(`role${role}`)}
            </Tag>
            <Typography.Text strong data-testid="current-organization" ellipsis style={{ maxWidth: narrow ? 160 : 360 }}>
              {organization}
            </Typography.Text>
            {!user.organization.verified && <Tag color="orange">{t('unverified')}</Tag>}
          </Space>
          <Space size={8} wrap>
            <Link to="/account" data-testid="current-user">
              {user.displayName || user.email}
            </Link>
            <LanguageSwitch />
            <Button
              icon={<LogoutOutlined />}
              onClick={() => {
                signOut();
                navigate('/login', { replace: true });
              }}
              id="sign-out"
            >
              {t('signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="zlt-content">
          <Page user={user} pathname={pathname} />
        </Layout.Content>
      </Layout>
      {narrow && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={260} title={t('name')}>
          <nav aria-label={t('menu')}>{menu}</nav>
        </Drawer>
      )}
    </Layout>
  );
}

/**
 * Signed out: the sign-in page at /login (any other path comes back after sign-in). Signed
 * in: the workspace of the user's role, its home at / and /login.
 */
export function Shell() {
  const { token } = useSession();
  const { pathname, search } = useLocation();
  const { user, fetching } = useCurrentUser();
  const t = useT(appMessages);

  const target = useMemo(() => {
    if (!token) return pathname === '/login' ? null : `/login${pathname === '/' ? '' : `?next=${encodeURIComponent(pathname)}`}`;
    if (!user) return null;
    if (pathname === '/' || pathname === '/login') {
      const next = search.get('next');
      return next && next.startsWith('/') && !next.startsWith('//') ? next : AREAS[user.role as Role].home;
    }
    return null;
  }, [token, user, pathname, search]);
  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);

  if (!token) return <LoginPage />;
  if (!user || fetching || target) return <Spin tip={t('loading')} fullscreen />;
  return <Workspace user={user} />;
}
