'use client';

import { MNAS_CONV_OPS, MNAS_FILTER_MULTS, MNAS_KERNELS, MNAS_MAX_LAYERS, MNAS_SE_RATIOS, type MnasBlockChoice } from '@/lib/arch';
import { decodeMnasBlocks, encodeMnasBlocks } from '@/lib/models/mnas-code';
import { smallControlClass } from '@/components/ui/styles';

const OP_LABEL: Record<MnasBlockChoice['op'], string> = {
  conv: 'Conv',
  sepconv: 'SepConv',
  mbconv1: 'MBConv1',
  mbconv3: 'MBConv3',
  mbconv6: 'MBConv6',
};

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
              <td className="pr-2">
                <select
                  aria-label={`Block ${i + 1} conv op`}
                  className={sel}
                  value={b.op}
                  onChange={(e) => set(i, { op: e.target.value as MnasBlockChoice['op'] })}
                >
                  {MNAS_CONV_OPS.map((o) => (
                    <option key={o} value={o}>
                      {OP_LABEL[o]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="pr-2">
                <select
                  aria-label={`Block ${i + 1} kernel`}
                  className={sel}
                  value={b.kernel}
                  onChange={(e) => set(i, { kernel: Number(e.target.value) as MnasBlockChoice['kernel'] })}
                >
                  {MNAS_KERNELS.map((k) => (
                    <option key={k} value={k}>
                      {k}×{k}
                    </option>
                  ))}
                </select>
              </td>
              <td className="pr-2">
                <select
                  aria-label={`Block ${i + 1} squeeze-and-excitation`}
                  className={sel}
                  value={b.se}
                  onChange={(e) => set(i, { se: Number(e.target.value) as MnasBlockChoice['se'] })}
                >
                  {MNAS_SE_RATIOS.map((s) => (
                    <option key={s} value={s}>
                      {s === 0 ? 'none' : s}
                    </option>
                  ))}
                </select>
              </td>
              <td className="pr-2">
                <select
                  aria-label={`Block ${i + 1} skip`}
                  className={sel}
                  value={b.skip}
                  onChange={(e) => set(i, { skip: e.target.value as MnasBlockChoice['skip'] })}
                >
                  <option value="identity">identity</option>
                  <option value="none">none</option>
                </select>
              </td>
              <td className="pr-2">
                <select
                  aria-label={`Block ${i + 1} filter multiplier`}
                  className={sel}
                  value={b.filterMult}
                  onChange={(e) => set(i, { filterMult: Number(e.target.value) as MnasBlockChoice['filterMult'] })}
                >
                  {MNAS_FILTER_MULTS.map((m) => (
                    <option key={m} value={m}>
                      ×{m}
                    </option>
                  ))}
                </select>
              </td>
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
