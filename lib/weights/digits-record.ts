/**
 * The training record shipped next to each digits model's weights
 * (`public/weights/digits/<id>.json`, written by `npm run weights:digits`,
 * scripts/ship-digits-weights.ts): what was trained, how, on what machine, how long it took, how
 * well it does on the held-out test split, and the one command that trains it again.
 * Framework-free data; `recordIssues` is the schema check the unit tests and the loader use.
 */
import type { TrainSettings } from '../train/config';

export const DIGITS_RECORD_SCHEMA = 'layerwise.digits-weights/1';

export interface DigitsTrainingRecord {
  readonly schema: typeof DIGITS_RECORD_SCHEMA;
  /** The registered model id (lib/arch/registry.ts, dataset 'digits'). */
  readonly id: string;
  /** The weights' file name next to this record: `<id>.safetensors`. */
  readonly file: string;
  readonly bytes: number;
  /** SHA-256 of the file, lowercase hex. */
  readonly sha256: string;
  /** Trainable parameters + BN buffers of the model (the graph's count), for captions. */
  readonly params: number;
  /** `arch train`, exactly as run (from the repository root); run again it rewrites the same file. */
  readonly command: string;
  readonly training: {
    /** Every training setting as used (lib/train/config.ts TrainSettings: defaults filled in). */
    readonly settings: TrainSettings;
    readonly seed: number;
    readonly steps: number;
    readonly epochs: number;
    readonly batchSize: number;
    /** Batches of precise BN after the last step (0: the running statistics are PyTorch's EMA). */
    readonly preciseBn: number;
    readonly trainImages: number;
    /** Wall time of the training (steps + precise BN), ms, as `arch train --json` measured it. */
    readonly wallMs: number;
    readonly backend: string;
    /** Mean training loss of the last epoch's steps. */
    readonly finalLoss: number;
  };
  readonly test: {
    /** Fraction of the held-out split classified right, through the fused inference path. */
    readonly accuracy: number;
    readonly n: number;
    readonly correct: number;
    /** confusion[true][predicted]. */
    readonly confusion: readonly (readonly number[])[];
    readonly split: string;
  };
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly os: string;
    readonly node: string;
    readonly tfjs: string;
  };
  /** When the record was written (ISO 8601, UTC). */
  readonly created: string;
  /** A quick, unconverged development set (`npm run weights:digits -- --quick N`), not the recipe's. */
  readonly provisional?: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const int = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const str = (v: unknown) => typeof v === 'string' && v.length > 0;

/** Every way `x` falls short of a DigitsTrainingRecord for `id`, one sentence each (empty: valid). */
export function recordIssues(x: unknown, id?: string): string[] {
  const out: string[] = [];
  if (!isObj(x)) return ['the record is not a JSON object'];
  const need = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  need(x.schema === DIGITS_RECORD_SCHEMA, `schema must be "${DIGITS_RECORD_SCHEMA}", got ${JSON.stringify(x.schema)}`);
  need(str(x.id) && (id === undefined || x.id === id), `id must be ${id ? `"${id}"` : 'a model id'}, got ${JSON.stringify(x.id)}`);
  need(x.file === `${String(x.id)}.safetensors`, `file must be "${String(x.id)}.safetensors", got ${JSON.stringify(x.file)}`);
  need(int(x.bytes) && (x.bytes as number) > 0, `bytes must be a positive whole number, got ${JSON.stringify(x.bytes)}`);
  need(typeof x.sha256 === 'string' && /^[0-9a-f]{64}$/.test(x.sha256), `sha256 must be 64 lowercase hex digits, got ${JSON.stringify(x.sha256)}`);
  need(int(x.params) && (x.params as number) > 0, `params must be a positive whole number`);
  need(
    typeof x.command === 'string' && x.command.startsWith('npm run -s arch -- train '),
    'command must be the `npm run -s arch -- train …` that made the file',
  );
  const t = x.training;
  if (!isObj(t)) out.push('training must be an object');
  else {
    need(isObj(t.settings), 'training.settings must be an object');
    for (const k of ['seed', 'steps', 'epochs', 'batchSize', 'preciseBn', 'trainImages'] as const) need(int(t[k]), `training.${k} must be a whole number ≥ 0`);
    need(num(t.wallMs) && (t.wallMs as number) > 0, 'training.wallMs must be a positive number');
    need(str(t.backend), 'training.backend must be named');
    need(num(t.finalLoss), 'training.finalLoss must be a number');
  }
  const e = x.test;
  if (!isObj(e)) out.push('test must be an object');
  else {
    need(num(e.accuracy) && (e.accuracy as number) >= 0 && (e.accuracy as number) <= 1, 'test.accuracy must be in [0, 1]');
    need(int(e.n) && int(e.correct) && (e.correct as number) <= (e.n as number), 'test.n and test.correct must be whole numbers, correct ≤ n');
    need(
      num(e.accuracy) && int(e.n) && (e.n as number) > 0 && Math.abs((e.accuracy as number) - (e.correct as number) / (e.n as number)) < 1e-12,
      'test.accuracy must be correct / n',
    );
    const c = e.confusion;
    need(
      Array.isArray(c) &&
        c.every((row) => Array.isArray(row) && row.length === c.length && row.every(int)) &&
        c.flat().reduce((a: number, b) => a + (b as number), 0) === e.n,
      'test.confusion must be a square matrix of counts summing to n',
    );
    need(str(e.split), 'test.split must say which images were tested');
  }
  const m = x.machine;
  if (!isObj(m)) out.push('machine must be an object');
  else for (const k of ['cpu', 'os', 'node', 'tfjs'] as const) need(str(m[k]), `machine.${k} must be named`);
  if (isObj(m)) need(int(m.cores) && (m.cores as number) > 0, 'machine.cores must be a positive whole number');
  need(typeof x.created === 'string' && !Number.isNaN(Date.parse(x.created)), 'created must be an ISO 8601 date');
  need(x.provisional === undefined || typeof x.provisional === 'boolean', 'provisional must be true or false when present');
  return out;
}
