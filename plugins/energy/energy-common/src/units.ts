import { EnergyFigures, Tariff } from './types';

const JOULES_PER_KWH = 3.6e6;

/** @public */
export function joulesToKWh(joules: number): number {
  return joules / JOULES_PER_KWH;
}

/**
 * kWh, cost and CO2 for an amount of energy; no data stays no data.
 *
 * @public
 */
export function energyFigures(
  energyKWh: number | null | undefined,
  tariff: Tariff,
): EnergyFigures {
  if (
    energyKWh === null ||
    energyKWh === undefined ||
    !Number.isFinite(energyKWh)
  ) {
    return { energyKWh: null, cost: null, co2Kg: null };
  }
  return {
    energyKWh,
    cost: energyKWh * tariff.pricePerKWh,
    co2Kg: (energyKWh * tariff.gridIntensityGramsPerKWh) / 1000,
  };
}

/**
 * Adds measurements where "no data" is not zero: the sum of nothing but
 * missing values is missing.
 *
 * @public
 */
export function sumKnown(
  values: Array<number | null | undefined>,
): number | null {
  let total: number | null = null;
  for (const value of values) {
    if (value !== null && value !== undefined && Number.isFinite(value)) {
      total = (total ?? 0) + value;
    }
  }
  return total;
}
