const NO_DATA = 'no data';

export function formatWatts(watts: number | null | undefined): string {
  if (watts === null || watts === undefined) return NO_DATA;
  if (watts >= 1000) return `${(watts / 1000).toFixed(2)} kW`;
  return `${watts.toFixed(watts < 10 ? 1 : 0)} W`;
}

export function formatKWh(kWh: number | null | undefined): string {
  if (kWh === null || kWh === undefined) return NO_DATA;
  if (kWh < 1) return `${(kWh * 1000).toFixed(0)} Wh`;
  return `${kWh.toFixed(kWh < 10 ? 2 : 1)} kWh`;
}

export function formatMoney(
  amount: number | null | undefined,
  currency: string,
): string {
  if (amount === null || amount === undefined) return NO_DATA;
  try {
    return new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
    }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function formatCO2(kg: number | null | undefined): string {
  if (kg === null || kg === undefined) return NO_DATA;
  return kg < 1 ? `${(kg * 1000).toFixed(0)} g CO₂` : `${kg.toFixed(2)} kg CO₂`;
}
