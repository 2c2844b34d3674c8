import type { Locator, Page } from '@playwright/test';
import { LessonPage } from './LessonPage';
import { CostCompareWidget, DenseConnectivityWidget, WidgetBase } from './DenseResNeXtWidgets';

/** Page object for /lessons/densenet: its four widgets and the configurations table. */
export class DenseNetLessonPage extends LessonPage {
  readonly connectivity: DenseConnectivityWidget;
  readonly reuse: WidgetBase;
  readonly profile: WidgetBase;
  readonly cost: CostCompareWidget;
  readonly configTable: Locator;

  constructor(page: Page) {
    super(page);
    this.connectivity = new DenseConnectivityWidget(page.getByRole('region', { name: 'Dense connectivity', exact: true }));
    this.reuse = new WidgetBase(page.getByRole('region', { name: /^Real reuse/ }));
    this.profile = new WidgetBase(page.getByRole('region', { name: 'Channel profile', exact: true }));
    this.cost = new CostCompareWidget(page.getByRole('region', { name: /^FLOPs versus time: DenseNet-121/ }));
    this.configTable = page.getByRole('table', { name: /ImageNet DenseNet-BC models/ });
  }

  async open() {
    await this.goto('densenet');
  }
}
