import { Neo4jError } from 'neo4j-driver';
import { GraphEngineError, GraphUnavailableError, UniqueConstraintError, WriteConflictError } from '../../../src/graph/graph.errors';
import { mapNeo4jError, type Neo4jErrorContext } from '../../../src/graph/neo4j/neo4j-errors';

const context: Neo4jErrorContext = { url: 'bolt://db:7687', user: 'xrm', database: 'crm', queryName: 'entity/create' };
const driverError = (code: string, message = 'detail from the server') => new Neo4jError(message, code, '50N42', 'error: general processing exception');

describe('mapNeo4jError', () => {
  test('reports an unreachable server as GraphUnavailableError naming its URL', () => {
    const mapped = mapNeo4jError(driverError('ServiceUnavailable', 'connect ECONNREFUSED'), context);

    expect(mapped).toBeInstanceOf(GraphUnavailableError);
    expect((mapped as Error).message).toBe('Cannot reach Neo4j at bolt://db:7687: connect ECONNREFUSED');
    expect(mapped).toMatchObject({ engineCode: 'ServiceUnavailable', queryName: 'entity/create' });
  });

  test('reports a lost race for a unique key as UniqueConstraintError, so the write can be run again', () => {
    const mapped = mapNeo4jError(driverError('Neo.ClientError.Schema.ConstraintValidationFailed', 'Node(1) already exists with label `IdempotencyKey`'), context);
    expect(mapped).toBeInstanceOf(UniqueConstraintError);
    expect(mapped).toMatchObject({ engineCode: 'Neo.ClientError.Schema.ConstraintValidationFailed', queryName: 'entity/create' });
  });

  test('reports an expired session as GraphUnavailableError', () => {
    expect(mapNeo4jError(driverError('SessionExpired'), context)).toBeInstanceOf(GraphUnavailableError);
  });

  test('reports rejected credentials as GraphUnavailableError naming the user, never the password', () => {
    const mapped = mapNeo4jError(driverError('Neo.ClientError.Security.Unauthorized'), context);

    expect(mapped).toBeInstanceOf(GraphUnavailableError);
    expect((mapped as Error).message).toMatch(/^Neo4j at bolt:\/\/db:7687 rejected the credentials for user "xrm"/);
  });

  test('explains an expired password, as on a fresh install still using the default one', () => {
    const mapped = mapNeo4jError(driverError('Neo.ClientError.Security.CredentialsExpired'), context);

    expect(mapped).toBeInstanceOf(GraphUnavailableError);
    expect((mapped as Error).message).toMatch(/password of Neo4j user "xrm" .* has expired/);
  });

  test('reports a missing database as GraphUnavailableError naming it', () => {
    const mapped = mapNeo4jError(driverError('Neo.ClientError.Database.DatabaseNotFound'), context);

    expect(mapped).toBeInstanceOf(GraphUnavailableError);
    expect((mapped as Error).message).toContain('no database "crm"');
  });

  test('reports deadlocks and other transient failures left after retries as WriteConflictError', () => {
    const deadlock = mapNeo4jError(driverError('Neo.TransientError.Transaction.DeadlockDetected'), context);
    const lockTimeout = mapNeo4jError(driverError('Neo.TransientError.Transaction.LockAcquisitionTimeout'), context);

    expect(deadlock).toBeInstanceOf(WriteConflictError);
    expect(lockTimeout).toBeInstanceOf(WriteConflictError);
    expect(deadlock).toMatchObject({ queryName: 'entity/create', engineCode: 'Neo.TransientError.Transaction.DeadlockDetected' });
  });

  test('reports any other server error as GraphEngineError naming the query and the Neo4j code', () => {
    const mapped = mapNeo4jError(driverError('Neo.ClientError.Statement.SyntaxError', 'Invalid input'), context);

    expect(mapped).toBeInstanceOf(GraphEngineError);
    expect(mapped).not.toBeInstanceOf(GraphUnavailableError);
    expect(mapped).not.toBeInstanceOf(WriteConflictError);
    expect((mapped as Error).message).toBe(
      'Neo4j failed on query "entity/create" (Neo.ClientError.Statement.SyntaxError): Invalid input',
    );
    expect(mapped).toMatchObject({ engineCode: 'Neo.ClientError.Statement.SyntaxError' });
  });

  test('returns errors that do not come from the driver unchanged', () => {
    const own = new Error('thrown by the transaction work');
    const already = new GraphEngineError('mapped before', 'q', undefined);

    expect(mapNeo4jError(own, context)).toBe(own);
    expect(mapNeo4jError(already, context)).toBe(already);
  });
});
