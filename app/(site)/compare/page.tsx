import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CompareApp } from '@/components/compare/CompareApp';
import { PaperTable8 } from '@/components/compare/PaperTable8';

export const metadata: Metadata = {
  title: 'Compare on your device',
  description: 'Measure several networks on your own device and see that the ranking by FLOPs is not the ranking by time.',
};

export default function ComparePage() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900 dark:text-white">FLOPs against time, on your device</h1>
      <p className="mt-3 max-w-3xl text-slate-600 dark:text-slate-300">
        Pick a few models and measure them here, in one run, with the same seeded weights and input. Then compare your ranking with the paper&apos;s GPU and
        phone: the order by multiply-accumulates and the order by time are not the same, and two devices rarely agree with each other either.
      </p>
      <div className="mt-8">
        <Suspense fallback={<p className="text-slate-500">Loading…</p>}>
          <CompareApp />
        </Suspense>
      </div>
      <section aria-labelledby="paper-heading" className="mt-12">
        <h2 id="paper-heading" className="mb-2 text-xl font-semibold text-slate-900 dark:text-white">
          The paper&apos;s devices
        </h2>
        <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-300">
          ShuffleNet v2, Table 8: the same FLOPs budget, very different times, and the GPU and the ARM phone order the models differently.
        </p>
        <PaperTable8 />
      </section>
    </div>
  );
}
