import type { Locator } from '@playwright/test';

/** Helpers shared by the DenseNet and ResNeXt lesson widgets (components/widgets/{densenet,resnext,cost}). */
export class WidgetBase {
  constructor(readonly root: Locator) {}

  slider(name: string | RegExp): Locator {
    return this.root.getByRole('slider', { name });
  }

  select(label: string): Locator {
    return this.root.getByLabel(label, { exact: true });
  }

  button(name: string | RegExp): Locator {
    return this.root.getByRole('button', { name });
  }

  /** A Stat's value, e.g. stat('Block params') -> the first <dd> of the group named "Block params". */
  stat(label: string, scope: Locator = this.root): Locator {
    return scope.getByRole('group', { name: label, exact: true }).getByRole('definition').first();
  }

  /** Sets a range input with the keyboard: Home, then ArrowRight until it shows `value`. */
  async setSlider(name: string | RegExp, value: number, min: number, step = 1): Promise<void> {
    const s = this.slider(name);
    await s.focus();
    await s.press('Home');
    for (let v = min; v < value - 1e-9; v += step) await s.press('ArrowRight');
  }

  /** Tensors left behind after the last run (data-leaked on the readout). */
  async leaked(): Promise<number> {
    return Number(await this.root.locator('[data-leaked]').first().getAttribute('data-leaked'));
  }
}

export class DenseConnectivityWidget extends WidgetBase {
  readonly summary: Locator;
  constructor(root: Locator) {
    super(root);
    this.summary = root.locator('p[aria-live="polite"]');
  }
  layer(n: number): Locator {
    return this.root.getByRole('button', { name: new RegExp(`^Layer H${n}:`) }).first();
  }
}

export class CostCompareWidget extends WidgetBase {
  readonly verdict: Locator;
  constructor(root: Locator) {
    super(root);
    this.verdict = root.getByTestId('cost-verdict');
  }
  cell(kind: 'params' | 'macs' | 'ms', model: string): Locator {
    return this.root.getByTestId(`${kind}-${model}`);
  }
}
