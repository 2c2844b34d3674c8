import { describe, expect, it } from 'vitest';
import { WIDGET_IDS } from '@/lib/widgets/registry';
import { WIDGET_COMPONENTS } from './widget-components';
import { WIDGET_FRAMES } from './widget-frames';

describe('widget components', () => {
  it('has a component for every registered widget, and nothing else', () => {
    expect(Object.keys(WIDGET_COMPONENTS).sort()).toEqual([...WIDGET_IDS].sort());
    for (const id of Object.keys(WIDGET_FRAMES)) expect(WIDGET_IDS).toContain(id);
  });
});
