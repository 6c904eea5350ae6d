import { Loading } from '@/app/ui/loading';

// Loading states live per page, not in app/(app)/loading.tsx: a loading
// boundary above a page makes Next send 200 before the page runs, so a page's
// notFound() (another user's account id) could no longer answer a real 404.
export default function DashboardLoading() {
  return <Loading label="Loading your accounts…" />;
}
