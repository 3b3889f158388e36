import { openGrafeo } from '../../support/touchpoints/test-bed';
import { describeOnNeo4j } from '../../support/on-neo4j';
import { describeImportService } from './import-service.contract';

describeImportService('the embedded engine (Grafeo)', openGrafeo);

describeOnNeo4j('import service', describeImportService);
