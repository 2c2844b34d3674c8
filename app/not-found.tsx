import Link from 'next/link';
import { SiteChrome } from './(site)/SiteChrome';

export default function NotFound() {
  return (
    <SiteChrome>
      <div className="mx-auto max-w-3xl px-4 py-24 text-center">
        <h1 className="text-3xl font-bold text-slate-900 dark:text-white">Page not found</h1>
        <p className="mt-4 text-slate-600 dark:text-slate-300">
          There is no page at this address.{' '}
          <Link href="/" className="text-accent-600 underline dark:text-accent-300">
            See all lessons
          </Link>
          .
        </p>
      </div>
    </SiteChrome>
  );
}
