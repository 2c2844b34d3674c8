'use client';

/**
 * The digit pad: the input of every digits model (the model lab, its embeds, the "what each
 * architecture learned" comparison). The reader draws a digit (mouse, pen or finger) or picks one
 * of the 2,000 test digits; the pad hands on the 28×28 digit the model should read.
 *
 *   <DigitPad onDigit={(d) => setInput(d)} />                       // local test-digit choice
 *   <DigitPad onDigit={…} testDigit={state.digit} onTestDigit={(digit) => update({ digit })} />
 *
 * `onDigit` gets a PadDigit whenever the input changes: on every stroke change while drawing
 * (throttle the model runs on your side: the lab's Runner runs one pass at a time through the
 * page's job queue and skips to the latest drawing), and when a test digit is chosen, including
 * the URL's once the test split has loaded. It gets null while the pad is the input and empty:
 * show no prediction then (the pad shows a hint). `pixels` is always 28·28 float32, row-major,
 * values in [0, 1], white on black: a drawing normalised as MNIST's digits were
 * (lib/data/digits/centre.ts), a test digit as it is in the dataset (already normalised so).
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Progress } from '@/components/ui/Progress';
import { ErrorNote } from '@/components/ui/Alert';
import { useDigitInput } from '@/components/lab/useDigitInput';
import { InkRenderer, centreDigit, type CentredDigit, type Stroke } from '@/lib/data/digits/centre';
import { formatBytes } from '@/lib/format';
import { CentringPreview } from './CentringPreview';
import { DrawPad } from './DrawPad';
import { TestDigitGrid } from './TestDigitGrid';

export type PadDigit =
  | {
      readonly source: 'drawn';
      /** 28×28, [0, 1], white on black, MNIST-normalised. */
      readonly pixels: Float32Array;
      /** How the drawing was normalised (box, centre of mass, scale). */
      readonly centring: CentredDigit;
      readonly strokes: number;
    }
  | {
      readonly source: 'test';
      /** 28×28, [0, 1], white on black: the dataset's digit. */
      readonly pixels: Float32Array;
      /** Index into the 2,000-image test split, and its true class. */
      readonly index: number;
      readonly label: number;
    };

export interface DigitPadProps {
  /** The digit the model should read now, or null while the pad is the input and empty. */
  readonly onDigit: (digit: PadDigit | null) => void;
  /** The chosen test digit (index into the test split); local without onTestDigit. Default 0. */
  readonly testDigit?: number;
  readonly onTestDigit?: (index: number) => void;
  readonly disabled?: boolean;
}

const PIXELS = 28 * 28;

export function DigitPad({ onDigit, testDigit, onTestDigit, disabled }: DigitPadProps) {
  const id = useId();
  const [strokes, setStrokes] = useState<readonly Stroke[]>([]);
  const [localTest, setLocalTest] = useState(testDigit ?? 0);
  const chosen = onTestDigit ? (testDigit ?? 0) : localTest;
  // Which of the two is the model's input: the last one the reader used.
  const [active, setActive] = useState<'draw' | 'test'>('test');
  const [seenTest, setSeenTest] = useState(testDigit);
  if (seenTest !== testDigit) {
    // A test digit chosen elsewhere (the URL, the lab's reset): it becomes the input.
    setSeenTest(testDigit);
    setLocalTest(testDigit ?? 0);
    setActive('test');
  }
  const { test, progress, error } = useDigitInput(true, chosen);

  // Drawn incrementally (each pointer move adds a few segments), then normalised as MNIST's digits.
  const [ink] = useState(() => new InkRenderer());
  const centred = useMemo(() => centreDigit(ink.render(strokes), ink.size, ink.size), [ink, strokes]);
  const digit = useMemo<PadDigit | null>(() => {
    if (active === 'draw') return centred ? { source: 'drawn', pixels: centred.pixels, centring: centred, strokes: strokes.length } : null;
    if (!test || chosen < 0 || chosen >= test.labels.length) return null;
    return { source: 'test', pixels: test.images.subarray(chosen * PIXELS, (chosen + 1) * PIXELS), index: chosen, label: test.labels[chosen] };
  }, [active, centred, strokes.length, test, chosen]);

  const emit = useRef(onDigit);
  useLayoutEffect(() => {
    emit.current = onDigit;
  });
  // A test digit before the split is here is not known yet: nothing to say until it is.
  const ready = active === 'draw' || test !== null;
  useEffect(() => {
    if (ready) emit.current(digit);
  }, [digit, ready]);

  const chooseTest = (i: number) => {
    setActive('test');
    if (onTestDigit) onTestDigit(i);
    else setLocalTest(i);
  };
  const draw = (next: readonly Stroke[]) => {
    setActive('draw');
    setStrokes(next);
  };

  const drawing = active === 'draw';
  const status = drawing
    ? centred
      ? `The model reads your drawing (${strokes.length} stroke${strokes.length === 1 ? '' : 's'}).`
      : 'Draw a digit, 0 to 9, on the black square: large, filling most of it.'
    : test
      ? `The model reads test digit ${chosen}, a ${test.labels[chosen]}.`
      : 'Loading the test digits…';
  const loadText = progress
    ? `Loading the digits test split… ${formatBytes(progress.loaded)}${progress.total ? ` of ${formatBytes(progress.total)}` : ''}`
    : 'Loading the digits test split…';

  return (
    <fieldset className="space-y-4" data-testid="digit-pad" data-source={drawing ? 'drawn' : 'test'}>
      <legend className="mb-1 text-sm font-semibold text-slate-900 dark:text-white">Input digit</legend>
      <div role="group" aria-labelledby={`${id}-draw`} className="space-y-2">
        <p id={`${id}-draw`} className="text-sm font-medium text-slate-900 dark:text-white">
          Draw a digit
        </p>
        <p id={`${id}-how`} className="text-xs text-slate-600 dark:text-slate-400">
          With a mouse, a pen or a finger. It is scaled and centred as MNIST&rsquo;s digits were: its longer side to 20 of the 28 pixels, its centre of mass to
          the middle. Keyboard: choose a test digit below instead.
        </p>
        <div className="flex flex-wrap items-start gap-3">
          <div className={drawing ? '' : 'opacity-70'}>
            <DrawPad
              strokes={strokes}
              onStrokes={draw}
              disabled={disabled}
              label={strokes.length ? `Drawing pad: your digit, ${strokes.length} stroke${strokes.length === 1 ? '' : 's'}` : 'Drawing pad: empty'}
              describedBy={`${id}-how`}
            />
          </div>
          <div className="min-w-0 flex-1 space-y-2">
            <figure className="space-y-1">
              {digit ? (
                <CentringPreview
                  pixels={digit.pixels}
                  centring={digit.source === 'drawn' ? digit.centring : null}
                  label={digit.source === 'drawn' ? 'What the model reads: your drawing as a 28×28 digit' : `What the model reads: test digit ${digit.index}`}
                />
              ) : (
                <div className="flex aspect-square w-28 items-center justify-center rounded border border-dashed border-slate-300 p-2 text-center text-[11px] text-slate-600 dark:border-slate-600 dark:text-slate-400">
                  {drawing ? 'Nothing drawn yet' : '…'}
                </div>
              )}
              <figcaption className="max-w-48 text-[11px] text-slate-600 dark:text-slate-400">
                What the model reads, 28×28.
                {digit?.source === 'drawn' ? ' Dashed: the 20-pixel box. Dot: the centre of mass, moved to the middle (cross).' : ''}
              </figcaption>
            </figure>
            <div className="flex gap-2">
              <Button testId="pad-undo" onClick={() => draw(strokes.slice(0, -1))} disabled={disabled || strokes.length === 0}>
                Undo
              </Button>
              <Button testId="pad-clear" onClick={() => draw([])} disabled={disabled || strokes.length === 0}>
                Clear
              </Button>
            </div>
            {!drawing && strokes.length > 0 && (
              <Button onClick={() => setActive('draw')} disabled={disabled}>
                Use the drawing
              </Button>
            )}
          </div>
        </div>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300" aria-live="polite" data-testid="pad-status">
        {status}
      </p>
      <div role="group" aria-labelledby={`${id}-test`} className="space-y-2">
        <p id={`${id}-test`} className="text-sm font-medium text-slate-900 dark:text-white">
          Or pick a test digit
        </p>
        {error ? (
          <ErrorNote>{error}</ErrorNote>
        ) : !test ? (
          <Progress label="Digits download progress" fraction={progress?.total ? progress.loaded / progress.total : 0} text={loadText} />
        ) : (
          <TestDigitGrid test={test} selected={drawing ? null : chosen} onSelect={chooseTest} disabled={disabled} />
        )}
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="digits-input-note">
        These models read 28×28 grey digits, white on black: the test digits are from the digits test split (the mnist package, MIT). Photos, uploads and the
        camera are not offered here.
      </p>
    </fieldset>
  );
}
