import { widgetParamRows } from '@/lib/docs/params';
import { widgetExample, type MdxComponentDoc as Doc, type PropDoc } from '@/lib/docs/mdx-components-docs';
import { mdxSectionId, widgetSectionId } from '@/lib/docs/sections';
import { CopyCode } from './CopyCode';
import { Heading } from './Heading';
import { DocTable } from './DocTable';
import { ParamTable } from './ParamTable';
import { T } from './table-style';

/** One component of mdx-components.tsx: a widget (props = its schema) or a documented component. */
export function MdxComponentDoc({ name, doc }: { name: string; doc: Doc }) {
  return (
    <section aria-labelledby={mdxSectionId(name)} data-testid="mdx-component-doc" data-component={name} className="min-w-0">
      <Heading level={4} id={mdxSectionId(name)}>
        <code className="font-mono">{`<${name}>`}</code>
      </Heading>
      {doc.kind === 'widget' ? (
        <>
          <p className="text-slate-700 dark:text-slate-300">
            The{' '}
            <a href={`#${widgetSectionId(doc.widgetId)}`} className="text-link">
              {doc.meta.title}
            </a>{' '}
            widget. {doc.meta.description} Its props are its embed parameters:
          </p>
          <ParamTable rows={widgetParamRows(doc.meta)} caption={`Props of ${name}`} testId="mdx-prop-table" widgetId={doc.widgetId} />
          <CopyCode label="MDX" code={widgetExample(name, doc.meta)} />
        </>
      ) : (
        <>
          <p className="text-slate-700 dark:text-slate-300">{doc.summary}</p>
          {Object.keys(doc.props).length === 0 ? (
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No props.</p>
          ) : (
            <PropTable name={name} props={doc.props} />
          )}
          <CopyCode label="MDX" code={doc.example} />
        </>
      )}
    </section>
  );
}

function PropTable({ name, props }: { name: string; props: Readonly<Record<string, PropDoc>> }) {
  return (
    <DocTable
      caption={`Props of ${name}`}
      columns={['Prop', 'Type', 'Default', 'What it does']}
      minWidthClass="sm:min-w-[32rem]"
      data={{ 'data-testid': 'mdx-prop-table', 'data-component': name }}
    >
      {Object.entries(props).map(([prop, p]) => (
        <tr key={prop} data-prop={prop} className={T.row}>
          <th scope="row" className={T.rowHead}>
            <code className="font-mono font-semibold text-slate-900 dark:text-white">{prop}</code>
            <span className="block text-xs text-slate-500 max-sm:ml-2 max-sm:inline dark:text-slate-400">{p.required ? 'required' : 'optional'}</span>
          </th>
          <td className={T.cell}>
            <span className={T.label}>Type</span>
            <code className="font-mono text-xs">{p.type}</code>
          </td>
          <td className={T.cell}>
            <span className={T.label}>Default</span>
            {p.default ? <code className="font-mono text-xs">{p.default}</code> : <span className="text-slate-500 dark:text-slate-400">none</span>}
          </td>
          <td className={T.docCell}>{p.doc}</td>
        </tr>
      ))}
    </DocTable>
  );
}
