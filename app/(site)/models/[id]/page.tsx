import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ModelLab } from '@/components/model-lab/ModelLab';
import { MODEL_IDS, getFamily, getModel } from '@/lib/arch';

// One pre-rendered lab per registered model; any other id is a 404 that lists the real ones.
export const dynamicParams = false;

export function generateStaticParams() {
  return MODEL_IDS.map((id) => ({ id }));
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  if (!MODEL_IDS.includes(id)) return {};
  const m = getModel(id);
  return { title: `${id} lab`, description: `${m.description}: explore its layers, run it in your browser, and time every layer.` };
}

export default async function LabPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!MODEL_IDS.includes(id)) notFound();
  const m = getModel(id);
  const family = getFamily(m.family);
  return (
    <div className="mx-auto max-w-7xl px-4 py-8">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500 dark:text-slate-400">
        <Link href="/models" className="hover:underline">
          Models
        </Link>{' '}
        / {family.name}
      </nav>
      <h1 className="mt-1 font-mono text-3xl font-bold tracking-tight text-slate-900 dark:text-white">{id}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        {m.description}. From{' '}
        <a href={m.paper.arxiv} className="text-link">
          {m.paper.title}
        </a>{' '}
        ({m.paper.year}).
      </p>
      <div className="mt-6">
        {/* The lab reads its state from the URL, which is only known in the browser. */}
        <Suspense fallback={<p className="text-slate-500">Loading the lab…</p>}>
          <ModelLab id={id} />
        </Suspense>
      </div>
    </div>
  );
}
