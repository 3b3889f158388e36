import type { PropertyDefinition } from '../metamodel/metamodel.types';

/**
 * A channel through which a touchpoint happens (EMAIL, PHONE …). Channels are data,
 * stored as `(:Channel {name})` nodes: the built-in ones are seeded once, more can be
 * defined at run time, each with an optional property schema for the custom properties
 * of its touchpoints (e.g. SURVEY → `surveyId`).
 */
export interface Channel {
  /** UPPER_SNAKE identifier, e.g. `VIDEO_CALL`. */
  name: string;
  description: string | null;
  /** Custom properties a touchpoint on this channel may carry. */
  properties: PropertyDefinition[];
  /** Whether it is one of the seeded channels. */
  builtIn: boolean;
  /** A deprecated channel keeps its touchpoints; new touchpoints may not use it. */
  deprecated: boolean;
  /** Optimistic-concurrency version, bumped by every change. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DefineChannelCommand {
  name: string;
  description?: string | null;
  properties?: readonly { name: string; type: PropertyDefinition['type']; required?: boolean | null; description?: string | null }[] | null;
}

/** A change to a channel; absent fields stay as they are. */
export interface UpdateChannelPatch {
  /** The version read; a different current version → CONFLICT. */
  expectedVersion: number;
  /** A new description; null removes it. */
  description?: string | null;
  /** The complete new property schema. */
  properties?: DefineChannelCommand['properties'];
}
