/**
 * Turns raw field values (text from CSV, any JSON value) into typed property values.
 * Pure functions: no I/O.
 */
import { PropertyType } from '../metamodel/metamodel.types';
import { isCalendarDate, normaliseDateTime } from '../metamodel/property-values';

/** Text of a raw scalar; objects and lists as JSON. */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

/** A raw value that cannot become the wanted type; the message is the rejection reason. */
export class ConversionError extends Error {}

/** Options of convertValue. */
export interface ConversionOptions {
  /** Date pattern (see import-mapping ValueSpec.format); default ISO-8601. */
  format?: string;
  /** STRING_LIST separator for text; default `;`. */
  separator?: string;
}

/**
 * Converts `raw` to `type`. Empty text and null/undefined become null (absent).
 * @throws ConversionError naming what was expected.
 */
export function convertValue(raw: unknown, type: PropertyType, options: ConversionOptions = {}): unknown {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' && raw.trim() === '') return null;
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (type) {
    case PropertyType.STRING:
      return typeof raw === 'string' ? raw : scalarText(raw);
    case PropertyType.INT: {
      const n = typeof text === 'number' ? text : typeof text === 'string' && /^[-+]?\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isSafeInteger(n)) throw new ConversionError(`expected a whole number, got ${show(raw)}`);
      return n;
    }
    case PropertyType.FLOAT: {
      const n = typeof text === 'number' ? text : typeof text === 'string' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n)) throw new ConversionError(`expected a number, got ${show(raw)}`);
      return n;
    }
    case PropertyType.BOOLEAN: {
      if (typeof text === 'boolean') return text;
      const t = scalarText(text).toLowerCase();
      if (['true', '1', 'yes', 'y'].includes(t)) return true;
      if (['false', '0', 'no', 'n'].includes(t)) return false;
      throw new ConversionError(`expected true or false, got ${show(raw)}`);
    }
    case PropertyType.STRING_LIST: {
      if (Array.isArray(raw)) return raw.map((v) => String(v as string));
      if (typeof text !== 'string') throw new ConversionError(`expected a list, got ${show(raw)}`);
      if (text.startsWith('[')) {
        try {
          const list: unknown = JSON.parse(text);
          if (Array.isArray(list)) return list.map((v) => String(v as string));
        } catch {
          // not JSON: split it below
        }
      }
      return text.split(options.separator ?? ';').map((s) => s.trim()).filter((s) => s.length > 0);
    }
    case PropertyType.DATE: {
      const instant = parseTemporal(text, options.format);
      const date = instant?.slice(0, 10);
      if (date === undefined || !isCalendarDate(date)) throw new ConversionError(`expected a date${formatHint(options.format)}, got ${show(raw)}`);
      return date;
    }
    case PropertyType.DATETIME: {
      const instant = parseTemporal(text, options.format);
      if (instant === undefined) throw new ConversionError(`expected a date-time${formatHint(options.format)}, got ${show(raw)}`);
      return instant;
    }
    default: {
      const unknownType: never = type;
      throw new Error(`No conversion for property type ${String(unknownType)}`);
    }
  }
}

/**
 * Parses a date or date-time in `format` to an ISO-8601 UTC instant (`toISOString()`).
 * `iso` (default) accepts `YYYY-MM-DD` (midnight UTC) and date-times with a zone
 * (without one, UTC is assumed); `epoch-ms` / `epoch-s` numbers; otherwise a pattern.
 * @returns undefined when the value does not fit.
 */
export function parseTemporal(value: unknown, format = 'iso'): string | undefined {
  if (format === 'epoch-ms' || format === 'epoch-s') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isFinite(n)) return undefined;
    const d = new Date(format === 'epoch-s' ? n * 1000 : n);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  if (format === 'iso') {
    if (isCalendarDate(text)) return `${text}T00:00:00.000Z`;
    const zoned = normaliseDateTime(text);
    if (zoned !== undefined) return zoned;
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? normaliseDateTime(`${text}Z`) : undefined;
  }
  return parsePattern(text, format);
}

const TOKENS = ['yyyy', 'SSS', 'MM', 'dd', 'HH', 'mm', 'ss'] as const;
type Token = (typeof TOKENS)[number];
const patternCache = new Map<string, { regex: RegExp; tokens: Token[] }>();

function compilePattern(format: string): { regex: RegExp; tokens: Token[] } {
  const hit = patternCache.get(format);
  if (hit) return hit;
  let source = '';
  const tokens: Token[] = [];
  for (let i = 0; i < format.length; ) {
    const token = TOKENS.find((t) => format.startsWith(t, i));
    if (token) {
      source += `(\\d{${token.length}})`;
      tokens.push(token);
      i += token.length;
    } else {
      source += (format[i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  const compiled = { regex: new RegExp(`^${source}$`), tokens };
  patternCache.set(format, compiled);
  return compiled;
}

function parsePattern(text: string, format: string): string | undefined {
  const { regex, tokens } = compilePattern(format);
  const m = regex.exec(text);
  if (!m) return undefined;
  const parts: Record<Token, number> = { yyyy: 1970, MM: 1, dd: 1, HH: 0, mm: 0, ss: 0, SSS: 0 };
  tokens.forEach((token, i) => (parts[token] = Number(m[i + 1])));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const iso = `${pad(parts.yyyy, 4)}-${pad(parts.MM)}-${pad(parts.dd)}T${pad(parts.HH)}:${pad(parts.mm)}:${pad(parts.ss)}.${pad(parts.SSS, 3)}Z`;
  return normaliseDateTime(iso);
}

function formatHint(format: string | undefined): string {
  return format === undefined || format === 'iso' ? ' (ISO-8601)' : ` in format ${format}`;
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
