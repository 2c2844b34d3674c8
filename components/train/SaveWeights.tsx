'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { ErrorNote } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { hintClass } from '@/components/ui/styles';
import { formatBytes } from '@/lib/format';
import { downloadBlob } from '@/lib/lab/download';
import { weightsFilename } from '@/lib/widgets/train/schema';
import type { ModelRecord, TrainSession } from '@/lib/widgets/train/session';

/**
 * The trained weights, out of the page: a .safetensors download (the whole state_dict in
 * torchvision's keys and order, running statistics and num_batches_tracked included: PyTorch loads
 * it with load_state_dict), or straight into the model lab through the page's IndexedDB
 * (lib/train/handoff.ts), which then evaluates them on the same test split.
 */
export function SaveWeights({ session, record }: { session: TrainSession; record: ModelRecord }) {
  const [busy, setBusy] = useState<'download' | 'lab' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const router = useRouter();
  const can = record.weightsAvailable && record.steps.length > 0 && !busy;

  const openInLab = async () => {
    setBusy('lab');
    setError(null);
    try {
      const [{ bytes, steps }, handoff] = await Promise.all([session.weights(record.key), import('@/lib/train/handoff')]);
      const seed = session.getSnapshot().config.seed;
      const key = await handoff.saveTrainedWeights({
        modelId: record.id,
        knobs: record.labQuery,
        bytes,
        label: `${record.label}, ${steps} steps, seed ${seed}`,
      });
      // The lab builds the same network (the knobs in its link) and runs on the backend chosen here (the same numerics as the accuracy reported here).
      const backend = session.backendChoice === 'auto' ? '' : `&backend=${session.backendChoice}`;
      // A client-side navigation: where IndexedDB is refused, the in-memory store still holds them.
      router.push(`${handoff.trainedLabHref(record.id, key, record.labQuery)}${backend}`);
    } catch (e) {
      setError(`The weights could not be handed to the model lab: ${e instanceof Error ? e.message : String(e)}`);
      setBusy(null);
    }
  };

  const download = async () => {
    setBusy('download');
    setError(null);
    try {
      const { bytes, steps } = await session.weights(record.key);
      const name = weightsFilename(record, steps);
      downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), name);
      setSaved(`Saved ${name} (${formatBytes(bytes.length)}).`);
    } catch (e) {
      setError(`The weights could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="space-y-1.5" data-testid="save-weights">
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => void download()} disabled={!can} testId="download-weights">
          Download weights (.safetensors)
        </Button>
        <Button onClick={() => void openInLab()} disabled={!can} testId="open-in-lab">
          {busy === 'lab' ? 'Opening the model lab…' : 'Open in the model lab'}
        </Button>
      </div>
      {!record.weightsAvailable ? <p className={hintClass}>The weights were lost with the GPU context; the curves and numbers above remain.</p> : null}
      {saved ? (
        <p role="status" className={hintClass}>
          {saved}
        </p>
      ) : null}
      {error ? <ErrorNote>{error}</ErrorNote> : null}
    </div>
  );
}
