import { describeEngineContract } from './engine.contract';
import { describeOnNeo4j } from '../../support/on-neo4j';

describeOnNeo4j('engine contract suite', describeEngineContract);
