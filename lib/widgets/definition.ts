/**
 * The one definition of a widget (see lib/widgets/registry.ts, which lists them). Framework-free.
 */
import type { Schema } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

/** A link back to the page of the site the widget comes from. */
export interface HomeLink {
  /** Site-relative path, with query and hash where useful. */
  readonly href: string;
  /** Link text: "the DenseNet lesson", "the densenet121 lab". */
  readonly label: string;
}

/** Where a widget comes from: a lesson, the model lab, or the training lab (/train). */
export type WidgetKind = 'lesson' | 'lab' | 'train';

/** The frame (heading, small label, test id) lessons and embeds draw around a widget. */
export interface WidgetFrameSpec {
  readonly title: string;
  readonly label?: string;
  readonly testId?: string;
}

export interface WidgetDefinition<S extends Schema = Schema> {
  readonly meta: WidgetMeta<S>;
  readonly kind: WidgetKind;
  /**
   * The tag lessons write in MDX (`<DenseConnectivity L={5} />`), for widgets a lesson can show.
   * Its props are the schema's parameters, checked as an embed checks its URL.
   */
  readonly mdx?: string;
  /** How notices name the widget ("Some settings of this dense connectivity widget…"); default: its title in lower case. */
  readonly noticeName?: string;
  /** The frame the lesson and embed shells draw around it; absent when the component draws its own. */
  readonly frame?: WidgetFrameSpec;
  /** Where the widget lives on the site, for a given state (lab links carry the state along). */
  readonly home: (state: Readonly<Record<string, unknown>>) => HomeLink;
  /** A good iframe height in CSS pixels before the embed reports its real one; lessons reserve it while the widget loads. */
  readonly height: number;
  /** What pressing Start runs (embeds with run=click), for widgets that use tfjs. */
  readonly runs?: string;
  /**
   * The widget holds work the reader made that cannot be rebuilt from its URL (a training run):
   * its embed stays mounted when scrolled out of view instead of being freed and restarted.
   */
  readonly keepMounted?: boolean;
}

/** Keeps the definition's schema type (the loaders in components/widgets/loaders.ts are typed by it). */
export function defineWidget<S extends Schema>(def: WidgetDefinition<S>): WidgetDefinition<S> {
  return def;
}

/** How a tfjs widget's `runs` begins. */
export const LOADS_TFJS = 'Loads TensorFlow.js (about 1.5 MB) and ';

/**
 * How far outside the viewport a deferred part of a page starts loading (an IntersectionObserver
 * rootMargin): a lesson widget hydrates, a lab part fetches its code. About a screen ahead on a
 * phone, so a reader scrolling at a normal pace finds it ready, while a page opened at its top
 * loads only what is near the top.
 */
export const HYDRATE_MARGIN = '800px 0px';
