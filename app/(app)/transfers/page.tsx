import { redirect } from 'next/navigation';

// "Transfers" is the new-transfer form (recent transfers are listed beside it).
export default function TransfersPage() {
  redirect('/transfers/new');
}
