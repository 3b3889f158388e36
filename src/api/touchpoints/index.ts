/** The touchpoint and customer-experience GraphQL surface. */
import { ChannelResolver } from './channel.resolver';
import { TouchpointParticipantResolver, TouchpointResolver } from './touchpoint.resolver';

/** Resolver classes to add to the schema. */
export const touchpointResolvers = [ChannelResolver, TouchpointResolver, TouchpointParticipantResolver] as const;
