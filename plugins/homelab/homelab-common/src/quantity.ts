/**
 * Kubernetes resource quantities (`250m`, `2`, `512Mi`, `1.5Gi`, `2345678n`,
 * `1e3`), as the API server and metrics-server write them.
 * https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
const QUANTITY =
  /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * The value of a quantity in its base unit (cores for CPU, bytes for
 * memory), or undefined when it is not a quantity.
 *
 * @public
 */
export function parseQuantity(
  quantity: string | number | undefined | null,
): number | undefined {
  if (typeof quantity === 'number') {
    return Number.isFinite(quantity) ? quantity : undefined;
  }
  if (typeof quantity !== 'string' || quantity.length > 64) return undefined;
  const match = QUANTITY.exec(quantity.trim());
  if (!match) return undefined;
  const [, number, suffix, exponent] = match;
  let scale = 1;
  if (suffix) scale = SUFFIX[suffix];
  else if (exponent) scale = 10 ** Number(exponent);
  const value = Number(number) * scale;
  return Number.isFinite(value) ? value : undefined;
}
