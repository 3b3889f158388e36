import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Channel } from '../../domain/channels/channel.model';
import type { ApiContext } from '../context';
import { DefineChannelInput } from './channel.input';
import { ChannelType } from './channel.type';

@Resolver(() => ChannelType)
export class ChannelResolver {
  @Query(() => [ChannelType], { description: 'Every channel touchpoints may use, by name.' })
  channels(@Ctx() ctx: ApiContext): Promise<Channel[]> {
    return ctx.services.channels.listChannels();
  }

  @Mutation(() => ChannelType, { description: 'Defines a new touchpoint channel; CONFLICT when the name is taken.' })
  defineChannel(@Arg('input', () => DefineChannelInput) input: DefineChannelInput, @Ctx() ctx: ApiContext): Promise<Channel> {
    return ctx.services.channels.define(input, ctx.actor);
  }
}
