import { InputError } from '@backstage/errors';

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * A label value inside double quotes: PromQL strings use Go's escaping, so
 * backslash, the quote and line breaks are what can break out of one.
 */
export function escapeLabelValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

/** RE2 metacharacters, so that a value is matched literally inside `=~`. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

export type LabelMatcher = {
  name: string;
  op: '=' | '=~';
  value: string;
};

/** `metric{a="b",c=~"d"}`, with the metric name checked against an allow-list. */
export function selector(
  metric: string,
  matchers: LabelMatcher[],
  allowedMetrics: ReadonlySet<string>,
): string {
  if (!NAME.test(metric) || !allowedMetrics.has(metric)) {
    throw new InputError(`Metric "${metric}" is not in the energy allow-list`);
  }
  const inner = matchers.map(m => {
    if (!LABEL_NAME.test(m.name)) {
      throw new InputError(`"${m.name}" is not a valid label name`);
    }
    return `${m.name}${m.op}"${escapeLabelValue(m.value)}"`;
  });
  return `${metric}{${inner.join(',')}}`;
}

export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

export function isMetricName(name: string): boolean {
  return NAME.test(name);
}

/** Prometheus durations in whole seconds. */
export function duration(seconds: number): string {
  return `${Math.max(1, Math.round(seconds))}s`;
}
