import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { MetricsPeriod, type ChannelCount, type NpsSummary, type PeriodBucket, type RatingSummary } from '../../domain/touchpoints/experience-metrics';
import { RatingScale } from '../../domain/touchpoints/touchpoint.model';
import './touchpoint-enums';

@ObjectType({ description: 'How many touchpoints happened on one channel.' })
export class ChannelCountType {
  @Field(() => String, { description: 'The channel.' })
  channel!: string;

  @Field(() => Int, { description: 'How many touchpoints.' })
  count!: number;
}

@ObjectType({ description: 'Touchpoints of one period bucket (UTC).' })
export class PeriodBucketType {
  @Field(() => String, { description: 'First day of the bucket, YYYY-MM-DD.' })
  start!: string;

  @Field(() => Int, { description: 'How many touchpoints.' })
  count!: number;

  @Field(() => Float, { nullable: true, description: 'Average sentiment of those that have one.' })
  averageSentiment!: number | null;
}

@ObjectType({ description: 'Ratings given on one scale.' })
export class RatingSummaryType {
  @Field(() => RatingScale, { description: 'The scale.' })
  scale!: RatingScale;

  @Field(() => Int, { description: 'How many ratings.' })
  count!: number;

  @Field(() => Float, { description: 'Their average.' })
  average!: number;

  @Field(() => Float, { nullable: true, description: 'Least-squares slope over time, in scale points per 30 days; null below two instants.' })
  trend!: number | null;
}

@ObjectType({ description: 'Net Promoter Score from NPS-scale ratings (0–10).' })
export class NpsSummaryType {
  @Field(() => Int, { description: 'How many answered.' })
  respondents!: number;

  @Field(() => Int, { description: 'Answers 9–10.' })
  promoters!: number;

  @Field(() => Int, { description: 'Answers 7–8.' })
  passives!: number;

  @Field(() => Int, { description: 'Answers 0–6.' })
  detractors!: number;

  @Field(() => Float, { description: '% promoters − % detractors, −100 to 100.' })
  score!: number;
}

@ObjectType('ExperienceMetrics', { description: 'Customer-experience figures over a set of touchpoints.' })
export class ExperienceMetricsType {
  @Field(() => Int, { description: 'How many touchpoints.' })
  touchpointCount!: number;

  @Field(() => [ChannelCountType], { description: 'Count per channel, most used first.' })
  byChannel!: ChannelCount[];

  @Field(() => MetricsPeriod, { description: 'The bucket size of `byPeriod`.' })
  period!: MetricsPeriod;

  @Field(() => [PeriodBucketType], { description: 'Count and average sentiment per period, oldest first; empty periods are left out.' })
  byPeriod!: PeriodBucket[];

  @Field(() => Float, { nullable: true, description: 'Average sentiment (−1 to 1).' })
  averageSentiment!: number | null;

  @Field(() => Float, { nullable: true, description: 'Least-squares slope of sentiment over time, per 30 days; positive is improving.' })
  sentimentTrend!: number | null;

  @Field(() => [RatingSummaryType], { description: 'Ratings per scale.' })
  ratings!: RatingSummary[];

  @Field(() => NpsSummaryType, { nullable: true, description: 'NPS, when there are NPS ratings.' })
  nps!: NpsSummary | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'The earliest touchpoint.' })
  firstContactAt!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'The latest touchpoint.' })
  lastContactAt!: string | null;

  @Field(() => Int, { nullable: true, description: 'Whole days since the latest touchpoint.' })
  daysSinceLastContact!: number | null;

  @Field(() => String, { nullable: true, description: 'The channel with the most touchpoints (ties: alphabetical).' })
  mostUsedChannel!: string | null;
}
