import Link from 'next/link';
import { DataTable } from '@/components/ui/DataTable';
import { formatMillions } from '@/lib/format';
import { table5 } from '@/lib/widgets/shufflenet-table5/table5';

/**
 * Table 5 of the ShuffleNet v2 paper rendered from the spec (a server component: no client
 * JavaScript). Channel counts and output sizes come from lib/arch; the last two rows put the
 * spec's multiply-adds and parameters next to the paper's.
 */
export function ShuffleNetV2Table() {
  const t = table5();
  const cell = 'px-2 py-1 text-right tabular-nums';
  const head = 'px-2 py-1 text-left font-medium';
  const stage = (name: string, i: number, size: number) => (
    <tr key={name} className="border-b border-slate-100 dark:border-slate-800">
      <th scope="row" className={head}>
        {name}
      </th>
      <td className={cell}>
        {size}×{size}
      </td>
      <td className={cell} />
      <td className={cell}>2 / 1</td>
      <td className={cell}>1 / {t.columns[0].repeats[i] - 1}</td>
      {t.columns.map((c) => (
        <td key={c.id} className={cell} data-testid={`t5-${name}-${c.id}`}>
          {c.channels[i + 1]}
        </td>
      ))}
    </tr>
  );
  return (
    <DataTable
      context="page"
      figureTestId="shufflenet-table5"
      className="min-w-[36rem] text-sm"
      caption="ShuffleNet v2 at four widths (the paper's Table 5), built from the spec. Stages start with one stride-2 unit followed by stride-1 units."
    >
      <thead>
        <tr className="border-b border-slate-300 text-slate-600 dark:border-slate-700 dark:text-slate-400">
          <th scope="col" className={head} rowSpan={2}>
            Layer
          </th>
          <th scope="col" className={cell} rowSpan={2}>
            Output size
          </th>
          <th scope="col" className={cell} rowSpan={2}>
            Kernel
          </th>
          <th scope="col" className={cell} rowSpan={2}>
            Stride
          </th>
          <th scope="col" className={cell} rowSpan={2}>
            Repeat
          </th>
          <th scope="colgroup" colSpan={4} className="px-2 pt-1 text-center font-medium">
            Output channels
          </th>
        </tr>
        <tr className="border-b border-slate-300 text-slate-600 dark:border-slate-700 dark:text-slate-400">
          {t.columns.map((c) => (
            <th key={c.id} scope="col" className={cell}>
              <Link href={`/models/${c.id}`} className="text-accent-600 underline dark:text-accent-300">
                {c.width}
              </Link>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr className="border-b border-slate-100 dark:border-slate-800">
          <th scope="row" className={head}>
            Image
          </th>
          <td className={cell}>224×224</td>
          <td className={cell} />
          <td className={cell} />
          <td className={cell} />
          {t.columns.map((c) => (
            <td key={c.id} className={cell}>
              3
            </td>
          ))}
        </tr>
        <tr className="border-b border-slate-100 dark:border-slate-800">
          <th scope="row" className={head}>
            Conv1
          </th>
          <td className={cell}>
            {t.sizes.conv1}×{t.sizes.conv1}
          </td>
          <td className={cell}>3×3</td>
          <td className={cell}>2</td>
          <td className={cell}>1</td>
          {t.columns.map((c) => (
            <td key={c.id} className={cell}>
              {c.channels[0]}
            </td>
          ))}
        </tr>
        <tr className="border-b border-slate-100 dark:border-slate-800">
          <th scope="row" className={head}>
            MaxPool
          </th>
          <td className={cell}>
            {t.sizes.maxpool}×{t.sizes.maxpool}
          </td>
          <td className={cell}>3×3</td>
          <td className={cell}>2</td>
          <td className={cell} />
          {t.columns.map((c) => (
            <td key={c.id} className={cell} />
          ))}
        </tr>
        {stage('Stage2', 0, t.sizes.stage2)}
        {stage('Stage3', 1, t.sizes.stage3)}
        {stage('Stage4', 2, t.sizes.stage4)}
        <tr className="border-b border-slate-100 dark:border-slate-800">
          <th scope="row" className={head}>
            Conv5
          </th>
          <td className={cell}>
            {t.sizes.conv5}×{t.sizes.conv5}
          </td>
          <td className={cell}>1×1</td>
          <td className={cell}>1</td>
          <td className={cell}>1</td>
          {t.columns.map((c) => (
            <td key={c.id} className={cell}>
              {c.channels[4]}
            </td>
          ))}
        </tr>
        <tr className="border-b border-slate-100 dark:border-slate-800">
          <th scope="row" className={head}>
            GlobalPool, FC
          </th>
          <td className={cell}>1×1</td>
          <td className={cell}>7×7</td>
          <td className={cell} />
          <td className={cell} />
          {t.columns.map((c) => (
            <td key={c.id} className={cell}>
              1000
            </td>
          ))}
        </tr>
        <tr className="border-b border-slate-100 font-medium dark:border-slate-800">
          <th scope="row" className={head} colSpan={5}>
            Multiply-adds, spec <span className="font-normal text-slate-500 dark:text-slate-400">(paper&apos;s &ldquo;FLOPs&rdquo;)</span>
          </th>
          {t.columns.map((c) => (
            <td key={c.id} className={cell} data-testid={`t5-macs-${c.id}`}>
              {formatMillions(c.macs)} <span className="font-normal text-slate-500 dark:text-slate-400">({c.paperFlopsM}M)</span>
            </td>
          ))}
        </tr>
        <tr className="font-medium">
          <th scope="row" className={head} colSpan={5}>
            Parameters, spec <span className="font-normal text-slate-500 dark:text-slate-400">(paper)</span>
          </th>
          {t.columns.map((c) => (
            <td key={c.id} className={cell} data-testid={`t5-params-${c.id}`}>
              {formatMillions(c.params, 2)} <span className="font-normal text-slate-500 dark:text-slate-400">({c.paperParamsM}M)</span>
            </td>
          ))}
        </tr>
      </tbody>
    </DataTable>
  );
}
