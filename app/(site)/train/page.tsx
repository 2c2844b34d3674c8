import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TrainLab } from '@/components/train/TrainLab';

export const metadata: Metadata = {
  title: 'Train on digits',
  description:
    'Train DenseNet, ResNeXt, ResNet, ShuffleNet v2 and MnasNet on hand-written digits in your browser, and compare what each learns for its parameters, MACs and milliseconds.',
};

export default function TrainPage() {
  return (
    <div className="mx-auto max-w-7xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900 dark:text-white">Train a network on digits</h1>
      <p className="mt-3 max-w-3xl text-slate-600 dark:text-slate-300">
        Pick one or several of the digits networks, press Train and watch them learn 8,000 hand-written digits in this tab, step by step, exactly as PyTorch
        would train them. Then look at what they learnt, compare them, and take the weights with you: a .safetensors file PyTorch loads, or straight into the
        model lab.
      </p>
      <div className="mt-8">
        {/* The settings are in the URL, which only the browser knows for a pre-rendered page. */}
        <Suspense fallback={<p className="text-slate-500 dark:text-slate-400">Loading the training lab…</p>}>
          <TrainLab />
        </Suspense>
      </div>
    </div>
  );
}
