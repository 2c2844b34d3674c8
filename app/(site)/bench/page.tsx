import type { Metadata } from 'next';
import { BenchHarness } from '@/components/bench/BenchHarness';

// A tool page for `npm run bench` and the end-to-end tests: built with the site, linked from
// nowhere, and kept out of search engines.
export const metadata: Metadata = {
  title: 'Benchmark harness',
  robots: { index: false, follow: false },
};

export default function BenchPage() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-white">Benchmark harness</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        This page runs the site&apos;s TensorFlow.js models for <code>npm run bench</code> and the end-to-end tests, through <code>window.layerwiseBench</code>.
        Nothing runs until a script asks.
      </p>
      <BenchHarness />
    </div>
  );
}
