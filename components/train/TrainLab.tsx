'use client';

import { useMemo } from 'react';
import { Notices } from '@/components/ui/Notices';
import { useUrlState } from '@/lib/url-state/use-url-state';
import { trainConfigOf, trainPageSchema } from '@/lib/widgets/train/schema';
import { TrainSetup } from './TrainSetup';

/**
 * The training lab: the settings (all in the URL). The training itself arrives with the trainer
 * (lib/train/run.ts).
 */
export function TrainLab() {
  const [state, urlNotices, update] = useUrlState(trainPageSchema);
  const { notices: configNotices } = useMemo(() => trainConfigOf(state), [state]);
  return (
    <div className="space-y-8">
      <Notices notices={[...urlNotices, ...configNotices]} />
      <div className="grid gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <section aria-labelledby="setup-heading" className="min-w-0 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="setup-heading" className="mb-3 font-semibold text-slate-900 dark:text-white">
            Setup
          </h2>
          <TrainSetup params={trainPageSchema} state={state} onChange={update} models={{ multiple: true, value: state.models }} locked={false} />
        </section>
      </div>
    </div>
  );
}
