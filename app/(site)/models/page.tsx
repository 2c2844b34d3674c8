import type { Metadata } from 'next';
import Link from 'next/link';
import { MacsParamsChart } from '@/components/models/MacsParamsChart';
import { ModelTable } from '@/components/models/ModelTable';
import { modelRows } from '@/lib/models/catalog';

export const metadata: Metadata = {
  title: 'Models',
  description: 'Every model on the site with its parameters, multiply-accumulates, FLOPs and depth, computed from its spec.',
};

export default function ModelsPage() {
  const rows = modelRows();
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900 dark:text-white">Models</h1>
      <p className="mt-3 max-w-3xl text-slate-600 dark:text-slate-300">
        Every model here is built from one spec that also drives its graph, its runtime and its counts. Parameter counts match torchvision exactly; MACs are
        multiply-accumulates of convolutions and linear layers (torchvision&apos;s &ldquo;GFLOPS&rdquo;), and FLOPs are twice that. Open a model to explore its
        layers and run it in your browser. The five digits models, trained, side by side on one digit:{' '}
        <Link href="/models/compare-digits" className="text-link">
          what each architecture learned
        </Link>
        .
      </p>
      <section aria-labelledby="table-heading" className="mt-8">
        <h2 id="table-heading" className="sr-only">
          Model table
        </h2>
        <ModelTable rows={rows} />
      </section>
      <section aria-labelledby="chart-heading" className="mt-10">
        <h2 id="chart-heading" className="mb-3 text-xl font-semibold text-slate-900 dark:text-white">
          Cost against size
        </h2>
        <MacsParamsChart rows={rows} />
      </section>
    </div>
  );
}
