import { z } from 'zod';

/** Provider ids never contain `/`, so `provider/model` shorthand can split at the first slash. */
export const PROVIDER_ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9._-]{0,63}';
/** Model names may contain `/` and `:` (e.g. `meta-llama/llama-3.1-8b`, `llama3.1:8b`). */
export const MODEL_NAME_PATTERN = '[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}';
/**
 * A target's upstream model: a model name in which `*` may also appear (wildcard routes put the
 * requested name there). Whether `*` is allowed, and only once, is checked with the route.
 */
export const TARGET_MODEL_PATTERN = '[A-Za-z0-9*][A-Za-z0-9._:/@+*-]{0,127}';

export const providerIdPattern = new RegExp(`^${PROVIDER_ID_PATTERN}$`);
export const modelNamePattern = new RegExp(`^${MODEL_NAME_PATTERN}$`);

export const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;

const decimal = /^(0|[1-9][0-9]{0,8})(\.[0-9]{1,6})?$/;
const digits = /^\s*[0-9]+\s*$/;
const unsignedNumber = /^\s*[0-9]+(\.[0-9]+)?\s*$/;

/** An integer within bounds; digit-only strings are accepted so `port: ${PORT:-4000}` works. */
export function integer(min: number, max: number) {
  const message = `must be an integer between ${min} and ${max}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && digits.test(value) ? Number(value) : value),
    z.number().int(message).min(min, message).max(max, message),
  );
}

/** A non-negative number within bounds; numeric strings are accepted as for `integer`. */
export function boundedNumber(min: number, max: number) {
  const message = `must be a number between ${min} and ${max}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && unsignedNumber.test(value) ? Number(value) : value),
    z.number(message).min(min, message).max(max, message),
  );
}

/** A share in (0, 1]; numeric strings are accepted as for `integer`. */
export const fraction = z.preprocess(
  (value) => (typeof value === 'string' && unsignedNumber.test(value) ? Number(value) : value),
  z.number('must be a number greater than 0 and at most 1, e.g. 0.5').gt(0, 'must be greater than 0 and at most 1, e.g. 0.5').max(1, 'must be greater than 0 and at most 1, e.g. 0.5'),
);

/** `true`/`false`; the strings are accepted too so a value can come from `${VAR}`. */
export const flag = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean('must be true or false'),
);

/** Decimal USD per million tokens, kept as the exact string written (money never passes through floats). */
export const price = z.preprocess(
  (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
  z.string().regex(decimal, 'must be a non-negative decimal with at most 6 fractional digits, e.g. "0.15"'),
);

export const providerIdString = z.string().regex(providerIdPattern, 'must be a provider id');
export const modelString = z.string().regex(modelNamePattern, 'must be a model name of letters, digits and . _ : / @ + -');

/** What a provider (or one target) does with prompts; unset fields fall back (target → provider → cautious default). */
export const dataPolicySchema = z.strictObject({
  data_collection: z.enum(['allow', 'deny'], 'must be allow or deny').nullish(),
  zdr: flag.nullish(),
});
