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
  createdAt: string;
}

export interface DefineChannelCommand {
  name: string;
  description?: string | null;
  properties?: readonly { name: string; type: PropertyDefinition['type']; required?: boolean | null; description?: string | null }[] | null;
}
