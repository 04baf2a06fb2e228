import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageSkeleton } from '../components/PageSkeleton.tsx';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireRole } from './RequireRole.tsx';
import { RouteError } from './RouteError.tsx';

/** React.lazy for a named export: each page is its own chunk */
function page<M>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const LoginPage = page(() => import('../modules/auth/LoginPage.tsx'), 'LoginPage');
const ChangePasswordPage = page(() => import('../modules/auth/ChangePasswordPage.tsx'), 'ChangePasswordPage');
const DashboardPage = page(() => import('../modules/dashboard/DashboardPage.tsx'), 'DashboardPage');
const ActivityListPage = page(() => import('../modules/activities/ActivityListPage.tsx'), 'ActivityListPage');
const QuickEntryPage = page(() => import('../modules/activities/QuickEntryPage.tsx'), 'QuickEntryPage');
const ActivityDetailPage = page(() => import('../modules/activities/ActivityDetailPage.tsx'), 'ActivityDetailPage');
const ActivityEditPage = page(() => import('../modules/activities/ActivityEditPage.tsx'), 'ActivityEditPage');
const OrgsPage = page(() => import('../modules/orgs/OrgsPage.tsx'), 'OrgsPage');
const PersonListPage = page(() => import('../modules/people/PersonListPage.tsx'), 'PersonListPage');
const PersonDetailPage = page(() => import('../modules/people/PersonDetailPage.tsx'), 'PersonDetailPage');
const UserListPage = page(() => import('../modules/users/UserListPage.tsx'), 'UserListPage');
const MetricsPage = page(() => import('../modules/metrics/MetricsPage.tsx'), 'MetricsPage');
const AuditPage = page(() => import('../modules/audit/AuditPage.tsx'), 'AuditPage');
const PlanListPage = page(() => import('../modules/plans/PlanListPage.tsx'), 'PlanListPage');
const PlanDetailPage = page(() => import('../modules/plans/PlanDetailPage.tsx'), 'PlanDetailPage');
const PlanImportPage = page(() => import('../modules/plans/PlanImportPage.tsx'), 'PlanImportPage');
const DocumentListPage = page(() => import('../modules/documents/DocumentListPage.tsx'), 'DocumentListPage');
const DocumentDraftPage = page(() => import('../modules/documents/DocumentDraftPage.tsx'), 'DocumentDraftPage');
const DocTemplatesPage = page(() => import('../modules/documents/DocTemplatesPage.tsx'), 'DocTemplatesPage');
const ImportPage = page(() => import('../modules/imports/ImportPage.tsx'), 'ImportPage');
const ReportsPage = page(() => import('../modules/reports/ReportsPage.tsx'), 'ReportsPage');
const ReportDetailPage = page(() => import('../modules/reports/ReportDetailPage.tsx'), 'ReportDetailPage');
const ReportFormsPage = page(() => import('../modules/reports/ReportFormsPage.tsx'), 'ReportFormsPage');

const standalone = (node: ReactNode) => <Suspense fallback={<div style={{ padding: 24 }}><PageSkeleton /></div>}>{node}</Suspense>;
const adminOnly = (node: ReactNode) => <RequireRole roles={['admin']}>{node}</RequireRole>;

export const router = createBrowserRouter([
  { path: '/login', element: standalone(<LoginPage />), errorElement: <RouteError /> },
  { path: '/change-password', element: standalone(<ChangePasswordPage />), errorElement: <RouteError /> },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'activities', element: <ActivityListPage /> },
          { path: 'activities/new', element: <QuickEntryPage /> },
          { path: 'activities/:id', element: <ActivityDetailPage /> },
          { path: 'activities/:id/edit', element: <ActivityEditPage /> },
          { path: 'orgs', element: <OrgsPage /> },
          { path: 'people', element: <PersonListPage /> },
          { path: 'people/:id', element: <PersonDetailPage /> },
          { path: 'users', element: adminOnly(<UserListPage />) },
          { path: 'metrics', element: adminOnly(<MetricsPage />) },
          { path: 'audit', element: adminOnly(<AuditPage />) },
          { path: 'plans', element: <PlanListPage /> },
          { path: 'plans/import', element: <PlanImportPage /> },
          { path: 'plans/:id', element: <PlanDetailPage /> },
          { path: 'reports', element: <ReportsPage /> },
          { path: 'reports/:id', element: <ReportDetailPage /> },
          { path: 'report-forms', element: <ReportFormsPage /> },
          { path: 'documents', element: <DocumentListPage /> },
          { path: 'documents/:id', element: <DocumentDraftPage /> },
          { path: 'doc-templates', element: <DocTemplatesPage /> },
          { path: 'imports', element: <ImportPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
