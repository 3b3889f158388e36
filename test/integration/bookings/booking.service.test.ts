import { openGrafeo } from '../../support/touchpoints/test-bed';
import { describeBookingService } from './booking-service.contract';
import { describeOnNeo4j } from '../../support/on-neo4j';

describeBookingService('the embedded engine (Grafeo)', openGrafeo);

describeOnNeo4j('booking service', describeBookingService);
