import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Channel } from '../../domain/channels/channel.model';
import type { ApiContext } from '../context';
import { DefineChannelInput, UpdateChannelInput } from './channel.input';
import { ChannelType } from './channel.type';

@Resolver(() => ChannelType)
export class ChannelResolver {
  @Query(() => [ChannelType], { description: 'Every channel touchpoints may use (and the deprecated ones), by name.' })
  channels(@Ctx() ctx: ApiContext): Promise<Channel[]> {
    return ctx.services.channels.listChannels();
  }

  @Mutation(() => ChannelType, { description: 'Defines a new touchpoint channel; CONFLICT when the name is taken.' })
  defineChannel(
    @Arg('input', () => DefineChannelInput, { description: 'The channel to define.' }) input: DefineChannelInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Channel> {
    return ctx.services.channels.define(input, ctx.actor);
  }

  @Mutation(() => ChannelType, {
    description:
      'Changes a channel’s description or property schema. CONFLICT when `expectedVersion` is stale, or when touchpoints use the channel and the change could invalidate them.',
  })
  updateChannel(
    @Arg('name', () => String, { description: 'The channel to change.' }) name: string,
    @Arg('input', () => UpdateChannelInput, { description: 'What to change, with the version you read.' }) input: UpdateChannelInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Channel> {
    return ctx.services.channels.update(name, input, ctx.actor);
  }

  @Mutation(() => ChannelType, {
    description: 'Deprecates a channel (its touchpoints stay; new touchpoints may not use it), or with `deprecated: false` restores it.',
  })
  deprecateChannel(
    @Arg('name', () => String, { description: 'The channel to deprecate.' }) name: string,
    @Arg('deprecated', () => Boolean, { defaultValue: true, description: 'false brings the channel back into service.' })
    deprecated: boolean,
    @Ctx() ctx: ApiContext,
  ): Promise<Channel> {
    return ctx.services.channels.deprecate(name, deprecated, ctx.actor);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes a user-defined channel and returns true. CONFLICT for a built-in channel or while touchpoints use it; deprecate it instead.',
  })
  deleteChannel(@Arg('name', () => String, { description: 'The channel to delete.' }) name: string, @Ctx() ctx: ApiContext): Promise<boolean> {
    return ctx.services.channels.delete(name, ctx.actor);
  }
}
