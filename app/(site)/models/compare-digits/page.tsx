import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { DigitsCompare } from '@/components/compare-digits/DigitsCompare';
import { TitleLevelProvider } from '@/components/ui/Heading';

export const metadata: Metadata = {
  title: 'What each architecture learned',
  description: 'One hand-written digit through DenseNet, ResNeXt, ResNet, ShuffleNet v2 and MnasNet trained on digits: what each reads, and its feature maps.',
};

export default function CompareDigitsPage() {
  return (
    <div className="mx-auto max-w-7xl px-4 py-8">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500 dark:text-slate-400">
        <Link href="/models" className="hover:underline">
          Models
        </Link>{' '}
        / Digits
      </nav>
      <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900 dark:text-white">What each architecture learned</h1>
      <p className="mt-2 max-w-3xl text-slate-600 dark:text-slate-300">
        Each family of this site has a member for 28×28 digits, trained on the same digits with the same trainer. Give them one digit and compare: what each
        reads it as, and what its last stage has made of it (the feature maps a classifier then averages and weighs), next to what each costs. The maps differ
        in size because the architectures shrink the image at different rates; each row gives its shape.
      </p>
      <div className="mt-6">
        {/* The state is in the URL, which is only known in the browser. */}
        <Suspense fallback={<p className="text-slate-500">Loading…</p>}>
          {/* Under the page's h1: the comparison's frame is an h2. */}
          <TitleLevelProvider level={1}>
            <DigitsCompare />
          </TitleLevelProvider>
        </Suspense>
      </div>
    </div>
  );
}
