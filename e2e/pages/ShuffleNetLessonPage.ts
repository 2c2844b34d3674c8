import type { Locator, Page } from '@playwright/test';
import { LessonPage } from './LessonPage';

/** Page object for /lessons/shufflenet-v2 and its three widgets and spec table. */
export class ShuffleNetLessonPage extends LessonPage {
  readonly shuffle: ShuffleWidget;
  readonly lab: GuidelineLabWidget;
  readonly breakdown: TimeBreakdownWidget;
  readonly table5: Locator;

  constructor(page: Page) {
    super(page);
    this.shuffle = new ShuffleWidget(page.getByRole('region', { name: /^Channel split and shuffle/ }));
    this.lab = new GuidelineLabWidget(page.getByRole('region', { name: /^Guideline lab/ }));
    this.breakdown = new TimeBreakdownWidget(page.getByRole('region', { name: /^Where the time goes/ }));
    this.table5 = page.getByRole('table', { name: /ShuffleNet v2 at four widths/ });
  }

  async open() {
    await this.goto('shufflenet-v2');
  }
}

/** What every tfjs widget shows about its last run. */
export class TfjsWidget {
  constructor(readonly root: Locator) {}

  get tensors() {
    return this.root.getByTestId('tensor-readout');
  }

  get cancel() {
    return this.root.getByRole('button', { name: 'Cancel' });
  }

  get progress() {
    return this.root.getByRole('progressbar');
  }

  select(label: string) {
    return this.root.getByLabel(label, { exact: true });
  }

  /** Tensor count before the run and after it (after is null while running). */
  async tensorCounts(): Promise<{ before: number; after: number | null }> {
    const before = Number(await this.tensors.getAttribute('data-before'));
    const a = await this.tensors.getAttribute('data-after');
    return { before, after: a === '' || a === null ? null : Number(a) };
  }
}

export class ShuffleWidget {
  readonly channels: Locator;
  readonly follow: Locator;
  readonly shuffleSwitch: Locator;
  readonly stride2: Locator;
  readonly next: Locator;
  readonly previous: Locator;
  readonly reset: Locator;
  readonly stepText: Locator;
  readonly permutation: Locator;
  readonly neverConvolved: Locator;
  readonly drawing: Locator;

  constructor(readonly root: Locator) {
    this.channels = root.getByLabel('Channels', { exact: true });
    this.follow = root.getByLabel('Follow input channel');
    this.shuffleSwitch = root.getByRole('switch', { name: 'Channel shuffle' });
    this.stride2 = root.getByRole('checkbox', { name: 'First unit is stride-2' });
    this.next = root.getByRole('button', { name: /Next step/ });
    this.previous = root.getByRole('button', { name: /Previous step/ });
    this.reset = root.getByRole('button', { name: 'Reset' });
    this.stepText = root.getByTestId('shuffle-step');
    this.permutation = root.getByTestId('shuffle-permutation');
    this.neverConvolved = root.getByTestId('never-convolved');
    this.drawing = root.getByRole('img', { name: /Channel strands/ });
  }

  async perm(): Promise<number[]> {
    return JSON.parse((await this.permutation.getAttribute('data-perm')) ?? 'null') as number[];
  }
}

export class GuidelineLabWidget extends TfjsWidget {
  readonly run: Locator;
  readonly table: Locator;
  readonly verdict: Locator;
  readonly reduced: Locator;

  constructor(root: Locator) {
    super(root);
    this.run = root.getByRole('button', { name: /^Run G\d on this device/ });
    this.table = root.getByTestId('guideline-table');
    this.verdict = root.getByTestId('guideline-verdict');
    this.reduced = root.getByRole('checkbox', { name: 'Reduced size' });
  }

  guideline(short: 'G1' | 'G2' | 'G3' | 'G4') {
    return this.root.getByRole('group', { name: 'Guideline' }).getByRole('button', { name: short, exact: true });
  }

  row(i: number) {
    return this.root.getByTestId(`guideline-row-${i}`);
  }
}

export class TimeBreakdownWidget extends TfjsWidget {
  readonly run: Locator;
  readonly result: Locator;
  readonly quick: Locator;

  constructor(root: Locator) {
    super(root);
    this.run = root.getByRole('button', { name: 'Profile shufflenet_v2_x1_0' });
    this.result = root.getByTestId('time-breakdown-result');
    this.quick = root.getByRole('checkbox', { name: 'Quick run' });
  }
}
