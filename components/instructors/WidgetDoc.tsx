import Link from 'next/link';
import { allowList, iframeTitle } from '@/lib/embed/code';
import { embedPath } from '@/lib/embed/schema';
import { exampleCode, exampleSrc } from '@/lib/docs/examples';
import { hideValues, runtimeParamNames, widgetParamRows } from '@/lib/docs/params';
import { widgetSectionId } from '@/lib/docs/sections';
import { ORIGIN_TOKEN } from '@/lib/docs/snippets';
import type { WidgetEntry } from '@/lib/widgets/registry';
import { CopyCode } from './CopyCode';
import { Heading } from './Heading';
import { LiveExample } from './LiveExample';
import { ParamTable } from './ParamTable';

const codeClass = 'rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200';
const badge = 'inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium';

/** One widget of the registry: what it is, its parameters, its embed code and a live example. */
export function WidgetDoc({ entry }: { entry: WidgetEntry }) {
  const { meta } = entry;
  const home = entry.home(Object.fromEntries(Object.entries(meta.schema).map(([k, p]) => [k, p.default])));
  const code = exampleCode(ORIGIN_TOKEN, entry);
  const runtime = runtimeParamNames(meta);
  return (
    <section aria-labelledby={widgetSectionId(meta.id)} data-testid="widget-doc" data-widget={meta.id} className="min-w-0">
      <Heading level={3} id={widgetSectionId(meta.id)}>
        {meta.title}
      </Heading>
      <p className="flex flex-wrap items-center gap-2 text-xs">
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800 dark:bg-slate-800 dark:text-slate-200">{embedPath(meta.id)}</code>
        <span className={`${badge} border-slate-300 text-slate-600 dark:border-slate-700 dark:text-slate-300`}>
          {entry.kind === 'lab' ? 'from the model lab' : 'from a lesson'}
        </span>
        {meta.usesTfjs && <span className={`${badge} border-accent-300 text-accent-700 dark:border-accent-700 dark:text-accent-300`}>runs TensorFlow.js</span>}
        {meta.usesWebcam && (
          <span className={`${badge} border-amber-400 text-amber-800 dark:border-amber-600 dark:text-amber-200`}>may ask for the camera</span>
        )}
      </p>
      <p className="mt-3 text-slate-700 dark:text-slate-300">{meta.description}</p>
      {entry.runs && <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">On Start: {entry.runs.charAt(0).toLowerCase() + entry.runs.slice(1)}</p>}
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        On the site:{' '}
        <Link href={home.href} className="text-link">
          {home.label}
        </Link>
        .
      </p>

      <ParamTable rows={widgetParamRows(meta)} caption={`Parameters of ${meta.title}`} testId="param-table" widgetId={meta.id} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Plus the{' '}
        <a href="#embed-parameters" className="text-link">
          common parameters
        </a>
        {runtime.length
          ? ` (${runtime.join(' and ')} above ${runtime.length === 1 ? 'is' : 'are'} the common one${runtime.length === 1 ? '' : 's'}, with this widget’s default)`
          : ''}
        . <code className={codeClass}>hide</code> accepts{' '}
        {hideValues(meta).map((v, i) => (
          <span key={v}>
            {i ? ', ' : ''}
            <code className={codeClass}>{v}</code>
          </span>
        ))}
        .
      </p>

      <div data-testid="embed-code">
        <CopyCode label="Link" code={code.link} testId="embed-link" />
        <CopyCode label="Embed code (iframe and resize script)" code={code.snippet} testId="embed-iframe" />
      </div>

      <p className="mt-4 mb-2 text-xs font-medium text-slate-600 dark:text-slate-400">
        Live example{meta.usesTfjs ? ' (run=click: nothing runs until you press Start)' : ''}
      </p>
      <LiveExample widgetId={meta.id} src={exampleSrc(entry)} title={iframeTitle(meta)} allow={allowList(meta)} height={entry.height} />
    </section>
  );
}
