import { energyFigures, joulesToKWh, sumKnown } from './units';

const tariff = {
  currency: 'EUR',
  pricePerKWh: 0.3,
  gridIntensityGramsPerKWh: 400,
};

describe('units', () => {
  it('converts joules to kWh', () => {
    expect(joulesToKWh(3.6e6)).toBe(1);
  });

  it('prices and weighs energy at the tariff', () => {
    expect(energyFigures(10, tariff)).toEqual({
      energyKWh: 10,
      cost: 3,
      co2Kg: 4,
    });
  });

  it('keeps no data as no data, never zero', () => {
    expect(energyFigures(null, tariff)).toEqual({
      energyKWh: null,
      cost: null,
      co2Kg: null,
    });
    expect(energyFigures(NaN, tariff).energyKWh).toBeNull();
    expect(sumKnown([null, undefined])).toBeNull();
    expect(sumKnown([null, 2, NaN, 3])).toBe(5);
    expect(sumKnown([0])).toBe(0);
  });
});
