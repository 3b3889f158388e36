import { generateDemo } from '../../../src/domain/demo/demo-generator';

describe('generateDemo', () => {
  test('gives the same network for the same scale and seed', () => {
    const a = generateDemo('small', 42);
    const b = generateDemo('small', 42);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  test('gives a different network for another seed', () => {
    expect(JSON.stringify(generateDemo('small', 1).entities)).not.toBe(JSON.stringify(generateDemo('small', 2).entities));
  });

  test('generates no relationship twice and none from a record to itself', () => {
    const { relationships } = generateDemo('small', 3);
    const keys = relationships.map((r) => r.key.externalId);
    expect(new Set(keys).size).toBe(keys.length);
    expect(relationships.filter((r) => r.from.externalId === r.to.externalId)).toEqual([]);
  });

  test('generates at least 100k entities and 500k relationships at the large scale', () => {
    const { entities, relationships } = generateDemo('large', 1);
    expect(entities.length).toBeGreaterThanOrEqual(100_000);
    expect(relationships.length).toBeGreaterThanOrEqual(500_000);
  });
});
