/**
 * The instructors' page outline: every heading's id and text, defined once, for the headings
 * themselves and the table of contents. Ids are explicit (the page is TSX, not MDX) and stable:
 * links to /instructors#<id> keep working when wording changes. Framework-free.
 */
import { REGISTRY } from '@/lib/widgets/registry';

export interface Section {
  readonly id: string;
  readonly title: string;
}

export const SECTIONS = {
  quickStart: { id: 'quick-start', title: 'Embed a widget in three steps' },
  commonParams: { id: 'embed-parameters', title: 'Parameters every embed takes' },
  widgets: { id: 'widgets', title: 'Every widget' },
  resizing: { id: 'resizing', title: 'Resizing frames on an LMS page' },
  resizeMessage: { id: 'resize-message', title: 'The resize message' },
  hostScript: { id: 'host-script', title: 'Including /embed.js' },
  lms: { id: 'lms-notes', title: 'Moodle, Canvas, Blackboard' },
  lessons: { id: 'write-a-lesson', title: 'Writing your own lesson' },
  frontMatter: { id: 'front-matter', title: 'Front matter' },
  body: { id: 'lesson-body', title: 'Math, tables, code, headings' },
  components: { id: 'mdx-components', title: 'Components' },
  example: { id: 'lesson-example', title: 'A complete example' },
  weights: { id: 'pretrained-weights', title: 'Pretrained torchvision weights' },
  exportWeights: { id: 'export-weights', title: 'Export to .safetensors' },
  loadWeights: { id: 'load-weights', title: 'Load them in the lab' },
  weightErrors: { id: 'weight-errors', title: 'What the errors mean' },
  hosting: { id: 'hosting', title: 'Hosting it yourself' },
} as const satisfies Readonly<Record<string, Section>>;

export function widgetSectionId(widgetId: string): string {
  return `widget-${widgetId}`;
}

export function mdxSectionId(name: string): string {
  return `mdx-${name.toLowerCase()}`;
}

export interface TocEntry extends Section {
  readonly depth: 2 | 3;
}

const h2 = (s: Section): TocEntry => ({ ...s, depth: 2 });
const h3 = (s: Section): TocEntry => ({ ...s, depth: 3 });

/** The table of contents, in page order (widgets from the registry). */
export function tocEntries(): TocEntry[] {
  const S = SECTIONS;
  return [
    h2(S.quickStart),
    h2(S.commonParams),
    h2(S.widgets),
    ...REGISTRY.map((e) => h3({ id: widgetSectionId(e.meta.id), title: e.meta.title })),
    h2(S.resizing),
    h3(S.resizeMessage),
    h3(S.hostScript),
    h3(S.lms),
    h2(S.lessons),
    h3(S.frontMatter),
    h3(S.body),
    h3(S.components),
    h3(S.example),
    h2(S.weights),
    h3(S.exportWeights),
    h3(S.loadWeights),
    h3(S.weightErrors),
    h2(S.hosting),
  ];
}
