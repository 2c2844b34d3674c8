import type { Locator, Page } from '@playwright/test';
import { LessonPage } from './LessonPage';
import { TfjsWidget } from './ShuffleNetLessonPage';

/** Page object for /lessons/mnasnet: the reward explorer, the search-space explorer, the A1 table. */
export class MnasNetLessonPage extends LessonPage {
  readonly reward: RewardWidget;
  readonly search: SearchSpaceWidget;
  readonly a1Table: Locator;

  constructor(page: Page) {
    super(page);
    this.reward = new RewardWidget(page.getByRole('region', { name: /^Reward explorer/ }));
    this.search = new SearchSpaceWidget(page.getByRole('region', { name: /^Search-space explorer/ }));
    this.a1Table = page.getByRole('table', { name: /MnasNet-A1 at 224×224/ });
  }

  async open() {
    await this.goto('mnasnet');
  }
}

export class RewardWidget {
  readonly soft: Locator;
  readonly hard: Locator;
  readonly kind: Locator;
  readonly alpha: Locator;
  readonly beta: Locator;
  readonly target: Locator;
  readonly chart: Locator;

  constructor(readonly root: Locator) {
    this.soft = root.getByRole('button', { name: /^Soft/ });
    this.hard = root.getByRole('button', { name: /^Hard/ });
    this.kind = root.getByTestId('constraint-kind');
    this.alpha = root.getByRole('slider', { name: /^α/ });
    this.beta = root.getByRole('slider', { name: /^β/ });
    this.target = root.getByRole('slider', { name: /^Target latency T/ });
    this.chart = root.getByRole('img', { name: /Reward against latency/ });
  }

  row(model: string) {
    return this.root.getByTestId(`reward-row-${model}`);
  }

  async rewardOf(model: string): Promise<number> {
    return Number(await this.row(model).getAttribute('data-reward'));
  }
}

export class SearchSpaceWidget extends TfjsWidget {
  readonly sample: Locator;
  readonly mobileNetV2: Locator;
  readonly cost: Locator;
  readonly latency: Locator;
  readonly measure: Locator;
  readonly runSearch: Locator;
  readonly result: Locator;
  readonly standIn: Locator;

  constructor(root: Locator) {
    super(root);
    this.sample = root.getByRole('button', { name: 'Sample' });
    this.mobileNetV2 = root.getByRole('button', { name: 'MobileNetV2' });
    this.cost = root.getByTestId('arch-cost');
    this.latency = root.getByTestId('arch-latency');
    this.measure = root.getByRole('button', { name: 'Measure latency on this device' });
    this.runSearch = root.getByRole('button', { name: 'Run search' });
    this.result = root.getByTestId('search-result');
    this.standIn = root.getByTestId('stand-in-note');
  }

  block(i: number, field: 'ConvOp' | 'kernel' | 'squeeze-and-excitation' | 'skip' | 'filter size' | 'layers') {
    return this.root.getByRole('combobox', { name: `Block ${i} ${field}`, exact: true });
  }

  async costs(): Promise<{ params: number; macs: number }> {
    return { params: Number(await this.cost.getAttribute('data-params')), macs: Number(await this.cost.getAttribute('data-macs')) };
  }

  /** The tensor readout of the measuring part or of the search (there is one of each). */
  readout(which: 'measure' | 'search') {
    return this.root.getByTestId(`tensor-readout-${which}`);
  }
}
