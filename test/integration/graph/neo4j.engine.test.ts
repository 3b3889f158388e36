import { describeEngineContract } from './engine.contract';
import { describeOnNeo4j } from '../../support/on-neo4j';

describeOnNeo4j('Neo4j contract suite', describeEngineContract);
