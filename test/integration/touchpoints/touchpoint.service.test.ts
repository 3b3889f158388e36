import { openGrafeo } from '../../support/touchpoints/test-bed';
import { describeTouchpointService } from './touchpoint-service.contract';
import { describeOnNeo4j } from '../../support/on-neo4j';

describeTouchpointService('the embedded engine (Grafeo)', openGrafeo);

describeOnNeo4j('touchpoint service', describeTouchpointService);
