import { PropertyType } from '../../../src/domain/metamodel/metamodel.types';
import { ConversionError, convertValue, parseTemporal } from '../../../src/domain/import/value-conversion';

describe('convertValue', () => {
  test('treats empty text and null as an absent value', () => {
    expect(convertValue('', PropertyType.INT)).toBeNull();
    expect(convertValue('   ', PropertyType.STRING)).toBeNull();
    expect(convertValue(null, PropertyType.BOOLEAN)).toBeNull();
  });

  test('reads whole numbers, numbers and booleans from text', () => {
    expect(convertValue('42', PropertyType.INT)).toBe(42);
    expect(convertValue('-3.5e2', PropertyType.FLOAT)).toBe(-350);
    expect(convertValue('yes', PropertyType.BOOLEAN)).toBe(true);
    expect(convertValue('0', PropertyType.BOOLEAN)).toBe(false);
  });

  test('refuses text that is not of the wanted type, naming what was expected', () => {
    expect(() => convertValue('4.2', PropertyType.INT)).toThrow(ConversionError);
    expect(() => convertValue('abc', PropertyType.FLOAT)).toThrow('expected a number, got "abc"');
    expect(() => convertValue('maybe', PropertyType.BOOLEAN)).toThrow('expected true or false');
  });

  test('splits a string list on the separator or reads it as a JSON array', () => {
    expect(convertValue('de; en ;fr', PropertyType.STRING_LIST)).toEqual(['de', 'en', 'fr']);
    expect(convertValue('a|b', PropertyType.STRING_LIST, { separator: '|' })).toEqual(['a', 'b']);
    expect(convertValue('["x","y"]', PropertyType.STRING_LIST)).toEqual(['x', 'y']);
  });

  test('reads dates and date-times in a pattern as UTC', () => {
    expect(convertValue('19891203', PropertyType.DATE, { format: 'yyyyMMdd' })).toBe('1989-12-03');
    expect(convertValue('20100214153210447', PropertyType.DATETIME, { format: 'yyyyMMddHHmmssSSS' })).toBe('2010-02-14T15:32:10.447Z');
    expect(convertValue('03.12.1989 08:30', PropertyType.DATETIME, { format: 'dd.MM.yyyy HH:mm' })).toBe('1989-12-03T08:30:00.000Z');
    expect(convertValue(2013, PropertyType.DATETIME, { format: 'yyyy' })).toBe('2013-01-01T00:00:00.000Z');
  });

  test('refuses an impossible date in a pattern', () => {
    expect(() => convertValue('20230230', PropertyType.DATE, { format: 'yyyyMMdd' })).toThrow('in format yyyyMMdd');
  });
});

describe('parseTemporal', () => {
  test('reads ISO dates, zoned date-times and date-times without a zone as UTC', () => {
    expect(parseTemporal('2026-03-01')).toBe('2026-03-01T00:00:00.000Z');
    expect(parseTemporal('2026-03-01T10:00:00+01:00')).toBe('2026-03-01T09:00:00.000Z');
    expect(parseTemporal('2026-03-01T10:00:00')).toBe('2026-03-01T10:00:00.000Z');
  });

  test('reads epoch seconds and milliseconds', () => {
    expect(parseTemporal('0', 'epoch-s')).toBe('1970-01-01T00:00:00.000Z');
    expect(parseTemporal(1000, 'epoch-ms')).toBe('1970-01-01T00:00:01.000Z');
  });

  test('returns undefined for text that is no date', () => {
    expect(parseTemporal('soon')).toBeUndefined();
  });
});
