'use client';

import type { ReactNode } from 'react';
import { MNAS_CONV_OPS, MNAS_FILTER_MULTS, MNAS_KERNELS, MNAS_SE_RATIOS, type MnasBlockChoice } from '@/lib/arch';

/** How the paper writes each ConvOp (Tan et al. 2019, Fig. 4). */
export const MNAS_OP_LABEL: Record<MnasBlockChoice['op'], string> = {
  conv: 'Conv',
  sepconv: 'SepConv',
  mbconv1: 'MBConv1',
  mbconv3: 'MBConv3',
  mbconv6: 'MBConv6',
};

export interface MnasChoiceCellsProps {
  readonly block: MnasBlockChoice;
  /** 0-based; labels say "Block i+1". */
  readonly index: number;
  readonly onPatch: (patch: Partial<MnasBlockChoice>) => void;
  readonly selectClass: string;
  readonly cellClass: string;
  readonly disabled?: boolean;
  /** Shown after the filter select (the search-space lesson prints the resulting width). */
  readonly filterNote?: ReactNode;
}

/**
 * The five per-block choices of MnasNet's factorized search space (Fig. 4: ConvOp, kernel, SE
 * ratio, skip, filter size) as table cells of selects: the lesson's search-space explorer and the
 * model lab's block editor both edit a block with them (each adds its own "layers" cell).
 */
export function MnasChoiceCells({ block: b, index: i, onPatch, selectClass, cellClass, disabled, filterNote }: MnasChoiceCellsProps) {
  const label = (what: string) => `Block ${i + 1} ${what}`;
  return (
    <>
      <td className={cellClass}>
        <select
          aria-label={label('ConvOp')}
          className={selectClass}
          value={b.op}
          disabled={disabled}
          onChange={(e) => onPatch({ op: e.target.value as MnasBlockChoice['op'] })}
        >
          {MNAS_CONV_OPS.map((o) => (
            <option key={o} value={o}>
              {MNAS_OP_LABEL[o]}
            </option>
          ))}
        </select>
      </td>
      <td className={cellClass}>
        <select
          aria-label={label('kernel')}
          className={selectClass}
          value={b.kernel}
          disabled={disabled}
          onChange={(e) => onPatch({ kernel: Number(e.target.value) as MnasBlockChoice['kernel'] })}
        >
          {MNAS_KERNELS.map((k) => (
            <option key={k} value={k}>
              {k}×{k}
            </option>
          ))}
        </select>
      </td>
      <td className={cellClass}>
        <select
          aria-label={label('squeeze-and-excitation')}
          className={selectClass}
          value={b.se}
          disabled={disabled}
          onChange={(e) => onPatch({ se: Number(e.target.value) as MnasBlockChoice['se'] })}
        >
          {MNAS_SE_RATIOS.map((s) => (
            <option key={s} value={s}>
              {s === 0 ? 'none' : s}
            </option>
          ))}
        </select>
      </td>
      <td className={cellClass}>
        <select
          aria-label={label('skip')}
          className={selectClass}
          value={b.skip}
          disabled={disabled}
          onChange={(e) => onPatch({ skip: e.target.value as MnasBlockChoice['skip'] })}
        >
          <option value="none">none</option>
          <option value="identity">identity</option>
        </select>
      </td>
      <td className={`${cellClass} whitespace-nowrap`}>
        <select
          aria-label={label('filter size')}
          className={selectClass}
          value={b.filterMult}
          disabled={disabled}
          onChange={(e) => onPatch({ filterMult: Number(e.target.value) as MnasBlockChoice['filterMult'] })}
        >
          {MNAS_FILTER_MULTS.map((f) => (
            <option key={f} value={f}>
              ×{f}
            </option>
          ))}
        </select>
        {filterNote}
      </td>
    </>
  );
}
