'use client';

/** The 7 blocks of MnasNet's search space as a table of selects: one layer design per block (Fig. 4 of the paper). */
import { controlClass } from '@/components/ui/styles';
import { MNAS_SEARCH_BASE_WIDTHS, MNAS_STRIDES, mnasWidths, resolveMnasNet, type MnasBlockChoice } from '@/lib/arch';
import { layerChoices } from '@/lib/widgets/search-space/search';
import { TableHead } from '@/components/ui/TableHead';
import { DataTable } from '@/components/ui/DataTable';
import { MnasChoiceCells } from './MnasChoiceCells';

export function SearchBlockTable({
  blocks,
  onChange,
  disabled,
}: {
  blocks: readonly MnasBlockChoice[];
  onChange: (b: MnasBlockChoice[]) => void;
  disabled: boolean;
}) {
  const widths = mnasWidths(resolveMnasNet({ blocks, baseWidths: MNAS_SEARCH_BASE_WIDTHS })).blocks;
  const set = (i: number, patch: Partial<MnasBlockChoice>) => onChange(blocks.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const sel = `${controlClass} px-1 py-0.5 text-xs`;
  // Output side length of each block: 112 after the stem, divided by each block's stride.
  const sides: number[] = [];
  let side = 112;
  for (const s of MNAS_STRIDES) {
    side /= s;
    sides.push(side);
  }
  return (
    <>
      <DataTable
        caption={
          <>
            One layer design per block, repeated N times; only the first layer of a block has stride 2 (MobileNetV2 backbone: widths{' '}
            {MNAS_SEARCH_BASE_WIDTHS.join(', ')}).
          </>
        }
        className="min-w-[34rem] text-xs"
      >
        <TableHead columns={['Block', 'ConvOp', 'Kernel', 'SE', 'Skip', 'Filters', 'Layers N']} />
        <tbody>
          {blocks.map((b, i) => {
            const res = sides[i];
            return (
              <tr key={i} className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-1 pr-1 font-normal whitespace-nowrap">
                  {i + 1} <span className="text-slate-500 dark:text-slate-400">({res}²)</span>
                </th>
                <MnasChoiceCells
                  block={b}
                  index={i}
                  onPatch={(patch) => set(i, patch)}
                  selectClass={sel}
                  cellClass="py-1 pr-1"
                  disabled={disabled}
                  filterNote={
                    <>
                      {' '}
                      <span className="tabular-nums text-slate-500 dark:text-slate-400">{widths[i]}</span>
                    </>
                  }
                />
                <td className="py-1">
                  <select
                    aria-label={`Block ${i + 1} layers`}
                    className={sel}
                    value={b.layers}
                    disabled={disabled}
                    onChange={(e) => set(i, { layers: Number(e.target.value) })}
                  >
                    {[...new Set([...layerChoices(i), b.layers])]
                      .sort((a, c) => a - c)
                      .map((l) => (
                        <option key={l} value={l}>
                          {l}
                        </option>
                      ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </>
  );
}
