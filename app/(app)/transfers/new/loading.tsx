import { Loading } from '@/app/ui/loading';

export default function NewTransferLoading() {
  return <Loading />;
}
