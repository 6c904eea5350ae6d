import { NotFoundCard } from '@/app/ui/not-found-card';

export default function TransferNotFound() {
  return <NotFoundCard what="Transfer" />;
}
