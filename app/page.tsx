import { redirect } from 'next/navigation';
import { HOME } from '@/lib/http/home';

export default function Home() {
  redirect(HOME.path);
}
