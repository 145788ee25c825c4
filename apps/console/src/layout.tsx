import {
  ActionIcon,
  AppShell,
  Burger,
  Button,
  Group,
  NativeSelect,
  NavLink,
  ScrollArea,
  Text,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { MoonIcon, SunIcon } from './components/icons';
import { useSession } from './session';

const userPages = [
  { to: '/', label: 'Overview' },
  { to: '/tasks', label: 'Tasks' },
  { to: '/playground', label: 'Playground' },
  { to: '/usage', label: 'Usage' },
  { to: '/webhooks', label: 'Webhooks' },
];
const operatorPages = [
  { to: '/operator/workspaces', label: 'Workspaces' },
  { to: '/operator/users', label: 'Users' },
  { to: '/operator/keys', label: 'All keys' },
  { to: '/operator/reconcile', label: 'Reconcile queue' },
];

function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <ActionIcon
      variant="default"
      size="lg"
      onClick={() => setColorScheme(next)}
      aria-label={`Use the ${next} theme`}
    >
      {scheme === 'dark' ? <SunIcon /> : <MoonIcon />}
    </ActionIcon>
  );
}

/** A titled group of the navigation's links. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={700} tt="uppercase" px="sm" pt="md" pb={4}>
        {title}
      </Text>
      {children}
    </div>
  );
}

/** The signed-in frame: header, the navigation (a drawer below 48 em), and the page. */
export function Layout() {
  const { session, workspaceId, chooseWorkspace, signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below the breakpoint the navigation is a drawer: while it is shut, it is out of reach (inert).
  const narrow = useMediaQuery('(max-width: 48em)');
  const location = useLocation();
  if (session === undefined) return null;
  if (session === null) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  const isActive = (to: string) =>
    to === '/' ? location.pathname === '/' : location.pathname.startsWith(to);
  const link = (page: { to: string; label: string }) => (
    <NavLink
      key={page.to}
      component={Link}
      to={page.to}
      label={page.label}
      active={isActive(page.to)}
      variant="filled"
      onClick={close}
      aria-current={isActive(page.to) ? 'page' : undefined}
    />
  );
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Open the navigation"
            />
            <Text fw={700} size="lg" component={Link} to="/">
              ads
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {session.workspaces.length > 1 && (
              <NativeSelect
                aria-label="Workspace"
                size="xs"
                value={workspaceId}
                onChange={(event) => chooseWorkspace(event.currentTarget.value)}
                data={session.workspaces.map((workspace) => ({ value: workspace.id, label: workspace.name }))}
              />
            )}
            <ThemeToggle />
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Console" inert={narrow && !opened}>
        <ScrollArea>
          {userPages.map(link)}
          <Section title="Settings">{link({ to: '/settings/api-keys', label: 'API Keys' })}</Section>
          {session.user.role === 'operator' && <Section title="Operator">{operatorPages.map(link)}</Section>}
          <Text size="xs" px="sm" pt="lg">
            {session.user.email}
          </Text>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
