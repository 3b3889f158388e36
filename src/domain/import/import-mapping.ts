/**
 * The mapping file of `xrm import` (YAML or JSON): which files hold entities or
 * relationships and how their columns become keys, names, kinds, types and properties.
 * See docs/import-export.md for the full reference and examples/ for real mappings.
 */
import { z } from 'zod';
import { Cardinality, Category, PropertyType } from '../metamodel/metamodel.types';

const column = z.string().min(1);

/** How a property (or validFrom/validTo) is read from a column. */
const valueSpec = z.union([
  column.transform((c) => ({ column: c })),
  z
    .object({
      column: column.optional(),
      /** A constant instead of a column. */
      value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
      /** Overrides the type of the property in the kind's schema (it must be compatible). */
      type: z.enum(PropertyType).optional(),
      /**
       * Date formats: `iso` (default), `epoch-ms`, `epoch-s`, or a pattern of yyyy MM dd HH mm ss SSS
       * and literal characters, e.g. `yyyyMMdd`, `dd.MM.yyyy HH:mm`. Values are UTC unless they carry a zone.
       */
      format: z.string().min(1).optional(),
      /** STRING_LIST from text: the separator (default `;`). */
      separator: z.string().min(1).optional(),
    })
    .strict()
    .refine((s) => s.column !== undefined || s.value !== undefined, 'give a column or a value'),
]);
export type ValueSpec = z.output<typeof valueSpec>;

const endSpec = z
  .object({
    column,
    /** The source of the entity's import key; default: the mapping's `source`. */
    source: z.string().min(1).optional(),
  })
  .strict();

const fileCommon = {
  /** File name (not path) it applies to; `*` matches any characters, e.g. `Person_knows_Person*.csv`. */
  file: z.string().min(1),
  /** The import key's source for records of this file; default: the mapping's `source`. */
  source: z.string().min(1).optional(),
  /** CSV field delimiter; default: guessed from the header line (`,` `;` tab `|`). */
  delimiter: z.string().min(1).max(4).optional(),
  properties: z.record(z.string(), valueSpec).optional(),
};

const entityFile = z
  .object({
    ...fileCommon,
    /** The column holding the external key. */
    key: column,
    /** A constant kind for every row… */
    kind: z.string().min(1).optional(),
    /** …or the column holding it, optionally translated through kindMap. */
    kindColumn: column.optional(),
    kindMap: z.record(z.string(), z.string()).optional(),
    /** The column holding the name… */
    name: column.optional(),
    /** …or a template of columns: `{firstName} {lastName}`. */
    nameTemplate: z.string().min(1).optional(),
  })
  .strict()
  .refine((f) => (f.kind === undefined) !== (f.kindColumn === undefined), 'give exactly one of kind or kindColumn')
  .refine((f) => (f.name === undefined) !== (f.nameTemplate === undefined), 'give exactly one of name or nameTemplate');
export type EntityFileMapping = z.output<typeof entityFile>;

const relationshipFile = z
  .object({
    ...fileCommon,
    from: endSpec,
    to: endSpec,
    /** A constant type for every row… */
    type: z.string().min(1).optional(),
    /** …or the column holding it, optionally translated through typeMap. */
    typeColumn: column.optional(),
    typeMap: z.record(z.string(), z.string()).optional(),
    /** The column holding the relationship's own key; default: `<from>><TYPE>><to>` (one relationship per pair and type). */
    key: column.optional(),
    role: valueSpec.optional(),
    validFrom: valueSpec.optional(),
    validTo: valueSpec.optional(),
    strength: valueSpec.optional(),
  })
  .strict()
  .refine((f) => (f.type === undefined) !== (f.typeColumn === undefined), 'give exactly one of type or typeColumn');
export type RelationshipFileMapping = z.output<typeof relationshipFile>;

const propertyDefinition = z
  .object({
    name: z.string(),
    type: z.enum(PropertyType),
    required: z.boolean().optional(),
    description: z.string().optional(),
  })
  .strict();
const endpointRule = z
  .object({ kinds: z.array(z.string()).optional(), categories: z.array(z.enum(Category)).optional() })
  .strict();

const mappingSchema = z
  .object({
    version: z.literal(1).optional(),
    /** The default source of import keys, e.g. the system the files come from. */
    source: z.string().min(1),
    /** Kinds and relationship types to define when they do not exist yet. */
    metamodel: z
      .object({
        kinds: z
          .array(
            z
              .object({
                name: z.string(),
                category: z.enum(Category),
                description: z.string().optional(),
                properties: z.array(propertyDefinition).optional(),
              })
              .strict(),
          )
          .optional(),
        relationshipTypes: z
          .array(
            z
              .object({
                name: z.string(),
                description: z.string().optional(),
                source: endpointRule.optional(),
                target: endpointRule.optional(),
                directed: z.boolean().optional(),
                inverseName: z.string().optional(),
                cardinality: z.enum(Cardinality).optional(),
                allowSelf: z.boolean().optional(),
                properties: z.array(propertyDefinition).optional(),
              })
              .strict(),
          )
          .optional(),
      })
      .strict()
      .optional(),
    entities: z.array(entityFile).default([]),
    relationships: z.array(relationshipFile).default([]),
  })
  .strict();

export type ImportMapping = z.output<typeof mappingSchema>;

/** A mapping file that does not fit the format; `problems` lists every one. */
export class MappingError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid mapping:\n  - ${problems.join('\n  - ')}`);
    this.name = 'MappingError';
  }
}

/**
 * Validates a parsed mapping document (from YAML or JSON).
 * @throws MappingError listing every problem with its path.
 */
export function parseMapping(document: unknown): ImportMapping {
  const parsed = mappingSchema.safeParse(document);
  if (!parsed.success) {
    throw new MappingError(parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top)'}: ${i.message}`));
  }
  return parsed.data;
}

/** Whether a file name matches a mapping's `file` pattern (`*` = any characters). */
export function fileMatches(pattern: string, fileName: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
  return regex.test(fileName);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Which mapping entry a file belongs to, or undefined. Entity entries win over relationship ones. */
export function mappingFor(
  mapping: ImportMapping,
  fileName: string,
): { entities: EntityFileMapping } | { relationships: RelationshipFileMapping } | undefined {
  const entities = mapping.entities.find((e) => fileMatches(e.file, fileName));
  if (entities) return { entities };
  const relationships = mapping.relationships.find((r) => fileMatches(r.file, fileName));
  return relationships ? { relationships } : undefined;
}
