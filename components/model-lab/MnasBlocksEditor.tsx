'use client';

import { MNAS_MAX_LAYERS, type MnasBlockChoice } from '@/lib/arch';
import { MnasChoiceCells } from '@/components/widgets/mnasnet/MnasChoiceCells';
import { decodeMnasBlocks, encodeMnasBlocks } from '@/lib/models/mnas-code';
import { smallControlClass } from '@/components/ui/styles';

/** The 7 blocks of MnasNet's factorized search space, each with its own choices (paper Fig. 4). */
export function MnasBlocksEditor({ code, onChange }: { code: string; onChange: (code: string) => void }) {
  const decoded = decodeMnasBlocks(code);
  if (!decoded.ok) return <p className="text-sm text-red-700 dark:text-red-400">The block code in the link is invalid: {decoded.error}.</p>;
  const blocks = decoded.blocks;
  const set = (i: number, patch: Partial<MnasBlockChoice>) => onChange(encodeMnasBlocks(blocks.map((b, j) => (j === i ? { ...b, ...patch } : b))));
  const sel = smallControlClass;
  return (
    <div className="overflow-x-auto">
      <table className="text-xs">
        <caption className="mb-1 text-left text-sm font-medium">Blocks (search space choices)</caption>
        <thead>
          <tr className="text-left text-slate-500 dark:text-slate-400">
            <th scope="col" className="pr-2">
              Block
            </th>
            <th scope="col" className="pr-2">
              Conv op
            </th>
            <th scope="col" className="pr-2">
              Kernel
            </th>
            <th scope="col" className="pr-2">
              SE
            </th>
            <th scope="col" className="pr-2">
              Skip
            </th>
            <th scope="col" className="pr-2">
              Filters
            </th>
            <th scope="col">Layers</th>
          </tr>
        </thead>
        <tbody>
          {blocks.map((b, i) => (
            <tr key={i}>
              <th scope="row" className="pr-2 text-left font-normal">
                {i + 1}
              </th>
              <MnasChoiceCells block={b} index={i} onPatch={(patch) => set(i, patch)} selectClass={sel} cellClass="pr-2" />
              <td>
                <input
                  aria-label={`Block ${i + 1} layers`}
                  className={`${sel} w-12`}
                  type="number"
                  min={1}
                  max={MNAS_MAX_LAYERS}
                  value={b.layers}
                  onChange={(e) => {
                    const l = Number(e.target.value);
                    if (Number.isInteger(l) && l >= 1 && l <= MNAS_MAX_LAYERS) set(i, { layers: l });
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
