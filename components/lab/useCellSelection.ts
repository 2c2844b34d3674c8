'use client';

import { useMemo } from 'react';
import type { Graph } from '@/lib/arch/ir';
import { formatCell, parseSelection, type Unit, unitGrid } from '@/lib/lab/cell-selection';
import { CELL_PARAM, CHANNEL_PARAM } from '@/lib/lab/cell-params';
import { describeAllowed, type Notice } from '@/lib/url-state/schema';

export interface CellSelection {
  readonly channel: number | null;
  readonly unit: Unit | null;
  /** What the link asked for that the layer does not have. */
  readonly notices: readonly Notice[];
  readonly onChannelChange: (c: number | null) => void;
  readonly onUnitChange: (u: Unit | null) => void;
}

/**
 * The feature-map view's selection kept in the URL (`channel`, `cell`: lib/lab/cell-params.ts):
 * checked against the layer of `graph`, with a notice naming what does not exist, and written
 * back as the reader picks.
 */
export function useCellSelection(
  graph: Graph,
  layer: string | null,
  channelRaw: string,
  cellRaw: string,
  update: (patch: { channel?: string; cell?: string }) => void,
): CellSelection {
  const node = layer ? graph.nodes.find((n) => n.name === layer) : undefined;
  const parsed = useMemo(
    () => (node ? parseSelection(channelRaw, cellRaw, unitGrid(node.outShape), node.name) : { channel: null, unit: null, error: null }),
    [node, channelRaw, cellRaw],
  );
  const notices = useMemo<Notice[]>(() => {
    if (!parsed.error) return [];
    const param = parsed.channel === null && channelRaw !== '' ? 'channel' : 'cell';
    const given = param === 'channel' ? channelRaw : cellRaw;
    return [{ param, given, allowed: describeAllowed(param === 'channel' ? CHANNEL_PARAM : CELL_PARAM), message: parsed.error }];
  }, [parsed, channelRaw, cellRaw]);
  return {
    channel: parsed.channel,
    unit: parsed.unit,
    notices,
    onChannelChange: (c) => update(c === null ? { channel: '', cell: '' } : { channel: String(c) }),
    onUnitChange: (u) => update(u ? { channel: String(u.channel), cell: formatCell(u.cell) } : { cell: '' }),
  };
}
