import { NotFoundCard } from '@/app/ui/not-found-card';

export default function AccountNotFound() {
  return <NotFoundCard what="Account" />;
}
