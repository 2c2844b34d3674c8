import type { Locator, Page } from '@playwright/test';
import { LessonPage } from './LessonPage';
import { CostCompareWidget, WidgetBase } from './DenseResNeXtWidgets';

/** Page object for /lessons/resnext: its three widgets and two tables. */
export class ResNeXtLessonPage extends LessonPage {
  readonly groups: WidgetBase;
  readonly equivalence: WidgetBase;
  readonly cost: CostCompareWidget;
  readonly comparisonTable: Locator;
  readonly ablationTable: Locator;

  constructor(page: Page) {
    super(page);
    this.groups = new WidgetBase(page.getByRole('region', { name: /^Cardinality: one block, three forms/ }));
    this.equivalence = new WidgetBase(page.getByRole('region', { name: 'Equivalence, proven live', exact: true }));
    this.cost = new CostCompareWidget(page.getByRole('region', { name: /^FLOPs versus time: ResNeXt-50/ }));
    this.comparisonTable = page.getByRole('table', { name: /Table 1 \(params/ });
    this.ablationTable = page.getByRole('table', { name: /Cardinality against width/ });
  }

  async open() {
    await this.goto('resnext');
  }

  form(label: string): Locator {
    return this.groups.root.getByRole('figure', { name: label });
  }

  difference(which: '(a) and (c)' | '(b) and (c)'): Locator {
    return this.equivalence.root.getByRole('status', { name: `Largest difference between ${which}` });
  }
}
