/**
 * The contract every widget follows, so that the same widget can sit in a lesson (state held
 * locally, initialised from MDX props), on its own embed page (state in the URL), and in the
 * instructors' documentation (parameter table generated from the schema).
 */
import type { Schema, StateOf } from '@/lib/url-state/schema';

export interface WidgetMeta<S extends Schema = Schema> {
  /** URL segment of the embed page: /embed/<id>. Lower-case words joined by "-". */
  readonly id: string;
  readonly title: string;
  /** One sentence for the docs and the embed's oEmbed title. */
  readonly description: string;
  /** Every piece of the widget's state, typed, with defaults, ranges and docs. */
  readonly schema: S;
  /** Needs the camera (the iframe code then asks for allow="camera"). */
  readonly usesWebcam: boolean;
  /** Runs tfjs (so it waits to be visible or clicked before doing GPU work). */
  readonly usesTfjs: boolean;
}

/** Props of a controlled widget: its whole state, and a way to change it. */
export interface WidgetProps<S extends Schema> {
  readonly state: StateOf<S>;
  readonly onChange: (patch: Partial<StateOf<S>>) => void;
}
