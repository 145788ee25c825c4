import { Route, Routes } from 'react-router';
import { Layout } from './layout';
import { ApiKeysPage } from './pages/api-keys';
import { InvitePage } from './pages/invite';
import { NotFoundPage } from './pages/not-found';
import { OperatorKeysPage } from './pages/operator/keys';
import { ReconcilePage } from './pages/operator/reconcile';
import { UsersPage } from './pages/operator/users';
import { WorkspacesPage } from './pages/operator/workspaces';
import { OverviewPage } from './pages/overview';
import { PlaygroundPage } from './pages/playground';
import { SignInPage } from './pages/sign-in';
import { TaskPage } from './pages/task';
import { TasksPage } from './pages/tasks';
import { UsagePage } from './pages/usage';
import { WebhooksPage } from './pages/webhooks';

/** The console's pages; ads-server answers every one of these paths with the console. */
export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/invite/:token" element={<InvitePage />} />
      <Route element={<Layout />}>
        <Route index element={<OverviewPage />} />
        <Route path="tasks" element={<TasksPage />} />
        <Route path="tasks/:id" element={<TaskPage />} />
        <Route path="playground" element={<PlaygroundPage />} />
        <Route path="usage" element={<UsagePage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="settings/api-keys" element={<ApiKeysPage />} />
        <Route path="operator/workspaces" element={<WorkspacesPage />} />
        <Route path="operator/users" element={<UsersPage />} />
        <Route path="operator/keys" element={<OperatorKeysPage />} />
        <Route path="operator/reconcile" element={<ReconcilePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
