import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { CopyCode } from '@/components/instructors/CopyCode';
import { FrontMatterTable } from '@/components/instructors/FrontMatterTable';
import { Heading } from '@/components/instructors/Heading';
import { MdxComponentDoc } from '@/components/instructors/MdxComponentDoc';
import { ParamTable } from '@/components/instructors/ParamTable';
import { TableOfContents } from '@/components/ui/TableOfContents';
import { WidgetDoc } from '@/components/instructors/WidgetDoc';
import { compileLesson } from '@/lib/content/compile';
import { EXAMPLE_FRONT_MATTER, FRONT_MATTER_FIELDS, IMPLEMENTATION_FIELDS, PAPER_FIELDS } from '@/lib/docs/frontmatter-docs';
import { EXAMPLE_LESSON, EXAMPLE_LESSON_BODY } from '@/lib/docs/lesson-example';
import { MDX_COMPONENT_DOCS, MDX_COMPONENT_NAMES, mdxDocsProblems } from '@/lib/docs/mdx-components-docs';
import { commonParamRows } from '@/lib/docs/params';
import { SECTIONS as S, mdxSectionId, tocEntries } from '@/lib/docs/sections';
import {
  LTI_SUBJECT,
  ORIGIN_TOKEN,
  TORCHVISION_MODELS,
  exportWithRepoScript,
  exportWithSafetensors,
  resizeListenerSnippet,
  resizeMessageExample,
} from '@/lib/docs/snippets';
import { WEIGHT_ISSUE_DOCS, WEIGHT_ISSUE_KINDS, weightIssueExamples } from '@/lib/docs/weights-docs';
import { hostScriptCode } from '@/lib/embed/code';
import { MAX_HEIGHT } from '@/lib/embed/messages';
import { EMBED_VERSION } from '@/lib/embed/schema';
import { htaccess, nginxConfig } from '@/lib/security/headers.mjs';
import { REGISTRY } from '@/lib/widgets/registry';
import { mdxComponents } from '@/mdx-components';

export const dynamic = 'force-static';

export const metadata: Metadata = {
  title: 'For instructors',
  description:
    'Embed any Layerwise widget in a course page or an LMS, write your own MDX lessons with the site’s components, and load pretrained torchvision weights.',
};

/** A static export (LAYERWISE_EXPORT=1) has no oEmbed endpoint; `next start` has one. */
const STATIC_EXPORT = process.env.LAYERWISE_EXPORT === '1';

const a = 'text-link';
const code = 'rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800 dark:bg-slate-800 dark:text-slate-200';

function C({ children }: { children: ReactNode }) {
  return <code className={code}>{children}</code>;
}

function P({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <p className={`my-3 leading-relaxed text-slate-700 dark:text-slate-300 ${className}`}>{children}</p>;
}

function Details({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="my-3 rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-800">
      <summary className="cursor-pointer text-sm font-medium text-slate-700 dark:text-slate-200">{summary}</summary>
      <div className="mt-2">{children}</div>
    </details>
  );
}

export default async function InstructorsPage() {
  // Every component a lesson can use must be documented here, and every documented one must exist:
  // a mismatch fails the build instead of publishing stale docs.
  const { undocumented, stale } = mdxDocsProblems(Object.keys(mdxComponents));
  if (undocumented.length || stale.length) {
    throw new Error(
      `/instructors: lib/docs/mdx-components-docs.ts is out of step with mdx-components.tsx (undocumented: ${undocumented.join(', ') || 'none'}; no longer registered: ${stale.join(', ') || 'none'})`,
    );
  }
  const { content: exampleRendered } = await compileLesson('lib/docs/lesson-example.ts', EXAMPLE_LESSON_BODY, mdxComponents);
  const tocItems = tocEntries().map((e) => ({ id: e.id, depth: e.depth, text: e.title }));
  const issues = weightIssueExamples();
  const widgetCount = REGISTRY.length;
  const tfjsCount = REGISTRY.filter((e) => e.meta.usesTfjs).length;

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 lg:grid lg:grid-cols-[minmax(0,1fr)_15rem] lg:gap-12">
      <div className="min-w-0" data-testid="instructors">
        <header className="mb-8 border-b border-slate-200 pb-6 dark:border-slate-800">
          <p className="text-sm text-slate-500 dark:text-slate-400">Documentation</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl dark:text-white">For instructors</h1>
          <p className="mt-3 text-lg text-slate-600 dark:text-slate-300">
            Put any of the {widgetCount} widgets on your own course page or LMS with one iframe, write your own lessons with the site’s components, and load
            pretrained torchvision weights into the lab. Everything runs in the reader’s browser: no accounts, no cookies, nothing uploaded.
          </p>
        </header>
        <TableOfContents entries={tocItems} variant="inline" />

        {/* ---------------------------------------------------------------- quick start */}
        <Heading level={2} id={S.quickStart.id}>
          {S.quickStart.title}
        </Heading>
        <ol className="my-3 list-decimal space-y-2 pl-6 leading-relaxed text-slate-700 dark:text-slate-300">
          <li>
            Pick a widget{' '}
            <a href={`#${S.widgets.id}`} className={a}>
              below
            </a>
            , or open <em>Share / embed</em> under any widget in a lesson or in the model lab: it gives the code for the state you have set up (the sliders, the
            model, the theme).
          </li>
          <li>
            Copy its embed code: an <C>{'<iframe>'}</C> and a one-line <C>{'<script>'}</C> that makes the frame exactly as tall as the widget.
          </li>
          <li>
            Paste it into an HTML block of your page. Where scripts are not allowed, paste only the iframe: it keeps the height it was given, and Canvas resizes
            it anyway (
            <a href={`#${S.lms.id}`} className={a}>
              LMS notes
            </a>
            ).
          </li>
        </ol>
        <P>
          An embed is a page of this site, <C>/embed/&lt;widget&gt;?v={EMBED_VERSION}&amp;…</C>, whose URL parameters set the widget’s starting state. A
          parameter it cannot use (a typo, a value out of range) is shown in a notice above the widget, naming the parameter, what was given and what is
          allowed, and the default is used: a broken link degrades, it does not fail. Links carry <C>v={EMBED_VERSION}</C>, the version of this format, so they
          keep their meaning when the format grows.
        </P>

        {/* ---------------------------------------------------------------- common parameters */}
        <Heading level={2} id={S.commonParams.id}>
          {S.commonParams.title}
        </Heading>
        <P>
          Besides its own parameters (listed with each widget), every embed page takes these. <C>seed</C> and <C>backend</C> exist only in the widgets that have
          random weights or run TensorFlow.js, and mean the same thing in all of them.
        </P>
        <ParamTable rows={commonParamRows()} caption="Parameters every embed takes" testId="common-param-table" />
        <P>
          <C>run=click</C> is worth setting when a page holds several widgets that run TensorFlow.js ({tfjsCount} of the {widgetCount} do): each then waits for
          a click on Start instead of starting when it scrolls into view. Either way, a widget that leaves the screen frees its models and its GPU context after
          a moment, and comes back as it was.
        </P>

        {/* ---------------------------------------------------------------- every widget */}
        <Heading level={2} id={S.widgets.id}>
          {S.widgets.title}
        </Heading>
        <P>
          All {widgetCount} widgets, in the order of the course, then the parts of the model lab. Each table is generated from the widget’s URL schema, the same
          declaration the embed page reads, so it lists exactly what the page accepts. The examples load as you scroll to them.
        </P>
        <div data-testid="widget-list">
          {REGISTRY.map((entry) => (
            <WidgetDoc key={entry.meta.id} entry={entry} />
          ))}
        </div>

        {/* ---------------------------------------------------------------- resizing */}
        <Heading level={2} id={S.resizing.id}>
          {S.resizing.title}
        </Heading>
        <P>
          A page cannot see inside an iframe from another site, so an iframe does not grow with its content by itself. Layerwise embeds tell the page that holds
          them how tall they are, and a small script (or Canvas) applies it.
        </P>
        <Heading level={3} id={S.resizeMessage.id}>
          {S.resizeMessage.title}
        </Heading>
        <P>
          An embed posts two messages to its parent window when it starts and whenever its content height changes (with{' '}
          <C>postMessage(message, &quot;*&quot;)</C>: they carry nothing but a name and a height):
        </P>
        <CopyCode label="Messages (JSON)" code={resizeMessageExample()} />
        <ul className="my-3 list-disc space-y-1.5 pl-6 leading-relaxed text-slate-700 dark:text-slate-300">
          <li>
            <C>type</C> is always <C>layerwise:resize</C>; <C>id</C> is the embed URL’s <C>id</C> parameter, or the widget id when it has none (give two embeds
            of the same widget on one page their own ids); <C>height</C> is the content height in CSS pixels, a whole number.
          </li>
          <li>
            The second form, <C>{`{subject: '${LTI_SUBJECT}', height}`}</C>, is the one Canvas and other LTI hosts understand.
          </li>
        </ul>
        <Heading level={3} id={S.hostScript.id}>
          {S.hostScript.title}
        </Heading>
        <P>
          Include the host script once on the page, anywhere; including it twice is harmless. It sets each Layerwise iframe’s height from its messages, and
          fires a <C>layerwise:resize</C> DOM event on the iframe (<C>{'detail: {id, height}'}</C>) for pages that want to react. It only accepts a message from
          the iframe that sent it, only when that iframe’s <C>src</C> is an <C>/embed/</C> page of the site the script came from, and only heights from 1 to{' '}
          {MAX_HEIGHT.toLocaleString('en-US')} pixels.
        </P>
        <CopyCode label="Host script" code={hostScriptCode(ORIGIN_TOKEN)} testId="host-script" />
        <Details summary="Rather write your own listener?">
          <P className="text-sm">The same rule in a dozen lines, for pages that cannot load scripts from another site:</P>
          <CopyCode label="Resize listener" code={resizeListenerSnippet(ORIGIN_TOKEN)} />
        </Details>
        <Heading level={3} id={S.lms.id}>
          {S.lms.title}
        </Heading>
        <ul className="my-3 list-disc space-y-2 pl-6 leading-relaxed text-slate-700 dark:text-slate-300">
          <li>
            <strong>Paste into the HTML view</strong> of the page editor (the <em>&lt;/&gt;</em> or <em>HTML source</em> button), not the visual one, which
            would show the code as text.
          </li>
          <li>
            <strong>The site’s origin must be allowed in iframes.</strong> Many LMSs filter the HTML teachers paste: some keep iframes only from an allow-list
            of sites, some drop scripts, some drop the <C>allow</C> attribute. If the frame is removed or stays blank, ask the administrator to allow iframes
            from this site’s origin. This site, for its part, lets any page frame its embed pages (and only those).
          </li>
          <li>
            <strong>No cookies, no login, no third-party requests.</strong> Embeds keep their state in the URL and in the page, so browsers that block
            third-party cookies or storage do not affect them, and nothing about the student is recorded anywhere.
          </li>
          <li>
            <strong>Canvas</strong> removes <C>{'<script>'}</C> from page content, but it listens for the <C>{LTI_SUBJECT}</C> message itself: paste only the
            iframe and it still resizes.
          </li>
          <li>
            <strong>Moodle</strong> (a Page, a Label or any text area): scripts and iframes are kept only for users allowed to post trusted content (depending
            on the site’s settings). Without the script, set the iframe’s <C>height</C> to what the widget needs; the code above starts with a sensible one.
          </li>
          <li>
            <strong>Blackboard</strong>: use an HTML/“embed” content item or the editor’s HTML view. Where scripts are stripped, the same applies: the iframe
            alone works at its given height.
          </li>
          <li>
            <strong>The camera</strong> (only the <em>Run a model in the browser</em> embed) needs <C>allow=&quot;camera&quot;</C> on the iframe, which its code
            includes. Where the LMS strips it, the sample photos and uploads still work.
          </li>
          <li>
            Match the LMS’s colours with <C>theme=light</C> or <C>theme=dark</C>; hide controls students should not touch with <C>hide=…</C>.
          </li>
        </ul>

        {/* ---------------------------------------------------------------- lessons */}
        <Heading level={2} id={S.lessons.id}>
          {S.lessons.title}
        </Heading>
        <P>
          A lesson is one file, <C>content/lessons/&lt;slug&gt;.mdx</C>, in a copy of this site’s source, served at <C>/lessons/&lt;slug&gt;</C> after{' '}
          <C>npm run build</C> (or <C>npm run export</C> for static files). MDX is Markdown with components: the text is ordinary Markdown, and the widgets and
          tables below are used like HTML tags. Lessons import nothing; every component is registered once in <C>mdx-components.tsx</C>.
        </P>
        <Heading level={3} id={S.frontMatter.id}>
          {S.frontMatter.title}
        </Heading>
        <P>
          The file starts with YAML between <C>---</C> lines. It is checked when the site is built: a missing or malformed field, or a field not listed here,
          stops the build with a message naming the file, the field, what was found and what is expected.
        </P>
        <FrontMatterTable fields={FRONT_MATTER_FIELDS} caption="Front matter fields" />
        <FrontMatterTable fields={PAPER_FIELDS} prefix="paper." caption="Fields of paper and of each reference" />
        <FrontMatterTable fields={IMPLEMENTATION_FIELDS} prefix="implementations[]." caption="Fields of each implementation" />
        <CopyCode label="Front matter" code={EXAMPLE_FRONT_MATTER} />

        <Heading level={3} id={S.body.id}>
          {S.body.title}
        </Heading>
        <ul className="my-3 list-disc space-y-2 pl-6 leading-relaxed text-slate-700 dark:text-slate-300">
          <li>
            <strong>Math</strong>: <C>$…$</C> inline and <C>$$…$$</C> on lines of their own, in LaTeX, rendered by KaTeX when the site is built (readers
            download no math library). A LaTeX error fails the build rather than showing red text.
          </li>
          <li>
            <strong>Tables</strong>: GitHub-style, with <C>|</C> between cells and a <C>|---|---:|</C> line under the header (<C>:</C> aligns).
          </li>
          <li>
            <strong>Code</strong>: fenced with three backticks and a language (<C>```python</C>), highlighted at build time in a light and a dark theme.
          </li>
          <li>
            <strong>Headings</strong>: <C>##</C> and <C>###</C> get ids from their text (<C>## Dense connectivity</C> becomes <C>#dense-connectivity</C>) and
            make up the lesson’s contents. Link to a section with <C>[text](#dense-connectivity)</C>, or from another lesson with{' '}
            <C>/lessons/densenet#dense-connectivity</C>; the link stays valid while the heading text does.
          </li>
          <li>
            <strong>Components</strong>: one per line, with a blank line before and after, e.g. <C>{'<DenseConnectivity L={5} k={4} />'}</C>.
          </li>
        </ul>

        <Heading level={3} id={S.components.id}>
          {S.components.title}
        </Heading>
        <P>
          The {MDX_COMPONENT_NAMES.length} components registered in <C>mdx-components.tsx</C>. A widget’s props are its embed parameters and follow the same
          rules: write strings as a URL would (<C>size=&quot;64&quot;</C>), numbers and booleans in braces (<C>{'L={5}'}</C>, <C>{'shuffle={false}'}</C>). A
          prop the widget cannot use shows a notice on the page and falls back to the default, so a typo is visible, not silent. Every widget also gets a{' '}
          <em>Share / embed</em> panel below it.
        </P>
        <nav aria-label="Components" className="my-4">
          <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
            {MDX_COMPONENT_NAMES.map((name) => (
              <li key={name}>
                <a href={`#${mdxSectionId(name)}`} className={`${a} font-mono`}>
                  {`<${name}>`}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {MDX_COMPONENT_NAMES.map((name) => (
          <MdxComponentDoc key={name} name={name} doc={MDX_COMPONENT_DOCS[name]} />
        ))}

        <Heading level={3} id={S.example.id}>
          {S.example.title}
        </Heading>
        <P>A whole lesson file, and below it the same file as the site renders it (compiled by the lessons’ own pipeline when this page was built).</P>
        <CopyCode label="content/lessons/dense-blocks.mdx" code={EXAMPLE_LESSON} testId="example-lesson" tall />
        <div className="my-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800" data-testid="example-rendered">
          <p className="mb-2 text-xs font-semibold uppercase tracking-wider text-slate-500 dark:text-slate-400">Rendered</p>
          <div className="prose prose-slate max-w-none dark:prose-invert prose-headings:scroll-mt-20 prose-a:text-accent-600 dark:prose-a:text-accent-300">
            {exampleRendered}
          </div>
        </div>

        {/* ---------------------------------------------------------------- weights */}
        <Heading level={2} id={S.weights.id}>
          {S.weights.title}
        </Heading>
        <P>
          The lab runs every model on seeded random weights, which is enough to see shapes, costs and timings. For real predictions, give it torchvision’s
          pretrained weights as a <C>.safetensors</C> file.
        </P>
        <Heading level={3} id={S.exportWeights.id}>
          {S.exportWeights.title}
        </Heading>
        <P>
          With PyTorch and torchvision installed, and the safetensors package (<C>pip install safetensors</C>):
        </P>
        <CopyCode label="Python, with safetensors" code={exportWithSafetensors()} testId="export-safetensors" />
        <P>
          Without the safetensors package, the site’s repository has a dependency-free writer, <C>scripts/py/export_safetensors.py</C> (the format is a length,
          a JSON header and the raw bytes; it needs only torch and numpy):
        </P>
        <CopyCode label="Python, with the repository's script" code={exportWithRepoScript()} testId="export-script" />
        <P>
          Replace <C>resnet50</C> with any model the lab has torchvision weights for:{' '}
          {TORCHVISION_MODELS.map((id, i) => (
            <span key={id}>
              {i ? ', ' : ''}
              <C>{id}</C>
            </span>
          ))}
          . <C>weights=&quot;DEFAULT&quot;</C> picks torchvision’s best ImageNet weights for that model; float16 and bfloat16 files are read too.
        </P>
        <Heading level={3} id={S.loadWeights.id}>
          {S.loadWeights.title}
        </Heading>
        <ol className="my-3 list-decimal space-y-2 pl-6 leading-relaxed text-slate-700 dark:text-slate-300">
          <li>
            Open the model’s lab page, e.g.{' '}
            <Link href="/models/resnet50" className={a}>
              /models/resnet50
            </Link>
            , with its knobs at their defaults (torchvision’s configuration).
          </li>
          <li>
            Under <em>Run it in your browser</em> → <em>Weights</em>, choose <em>torchvision weights</em> → <em>Choose .safetensors file…</em> and pick the
            file.
          </li>
          <li>Run: the top-5 now names real ImageNet classes. The feature maps and timings use the same weights.</li>
        </ol>
        <P>
          <strong>Nothing is uploaded.</strong> The file is read by your browser, on your device, and never leaves it: the site has no server to send it to (a
          static copy works offline). Every key and shape is checked before any weight is replaced, so a file that does not fit leaves the model as it was. The
          file is held to the safetensors format’s own rules (those of the reference reader: no duplicate keys, tensors packed from the first byte with no gap
          or overlap, nothing after the last one), and a file with NaN or infinite values, or BatchNorm variances below zero, is loaded only if you choose{' '}
          <em>Load anyway</em>.
        </P>
        <Heading level={3} id={S.weightErrors.id}>
          {S.weightErrors.title}
        </Heading>
        <P>The lab lists every problem, one line each. The examples are what it says in each case.</P>
        <dl className="my-4 space-y-4" data-testid="weight-errors">
          {WEIGHT_ISSUE_KINDS.map((kind) => {
            const d = WEIGHT_ISSUE_DOCS[kind];
            return (
              <div key={kind} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-kind={kind}>
                <dt className="font-semibold text-slate-900 dark:text-white">{d.title}</dt>
                <dd className="mt-1 space-y-1.5 text-sm leading-relaxed text-slate-700 dark:text-slate-300">
                  <p>
                    <span className="text-slate-500 dark:text-slate-400">{issues[kind].scenario}:</span>{' '}
                    <code className="font-mono text-xs break-all text-red-800 dark:text-red-300">{issues[kind].line}</code>
                  </p>
                  <p>{d.meaning}</p>
                  <p>
                    <span className="font-medium">Fix:</span> {d.fix}
                  </p>
                </dd>
              </div>
            );
          })}
        </dl>

        {/* ---------------------------------------------------------------- hosting */}
        <Heading level={2} id={S.hosting.id}>
          {S.hosting.title}
        </Heading>
        <P>
          <C>npm run export</C> writes the whole site as plain files to <C>out/</C>, which any static web server can host (a school server, a USB stick served
          locally, a classroom without internet). What changes:
        </P>
        <ul className="my-3 list-disc space-y-2 pl-6 leading-relaxed text-slate-700 dark:text-slate-300">
          <li>
            <strong>No oEmbed.</strong> Under <C>next start</C>, <C>/oembed?url=&lt;embed URL&gt;</C> answers with the iframe code, so tools that speak oEmbed
            can turn a pasted embed link into a frame. A static export has no endpoint and its embed pages carry no discovery link: paste the iframe code
            instead. {STATIC_EXPORT ? 'This copy of the site is a static export.' : 'This copy of the site is served by next start and answers oEmbed.'}
          </li>
          <li>
            <strong>Headers are the web server’s job.</strong> <C>next start</C> sends the security headers itself; a static host must send them. Embed pages
            may be framed by any site (<C>frame-ancestors *</C>), every other page only by the site itself. <C>docs/hosting.md</C> in the repository explains
            them and has the snippets for nginx, Apache and Netlify or Cloudflare Pages (<C>_headers</C>), generated from the same module as the headers{' '}
            <C>next start</C> sends; the first two are below.
          </li>
          <li>
            <strong>WebAssembly</strong>: serve <C>.wasm</C> as <C>application/wasm</C> (most servers already do).
          </li>
          <li>Everything else is the same: the lessons, the lab, the embeds and the resize script are static files.</li>
        </ul>
        <Details summary="nginx">
          <CopyCode label="nginx server block" code={nginxConfig()} />
        </Details>
        <Details summary="Apache (out/.htaccess)">
          <CopyCode label=".htaccess" code={htaccess()} />
        </Details>
      </div>
      <aside className="hidden lg:block">
        <div className="sticky top-20">
          <TableOfContents entries={tocItems} variant="sidebar" />
        </div>
      </aside>
    </div>
  );
}
