import { RelationshipKeyLedger, type CreatedKey } from '../../../src/domain/import/relationship-key-ledger';

/** A relationship import key as the ledger sees it: (from id, source, external id). */
function key(externalId: string, source = 'crm', fromId = 'p1'): CreatedKey {
  return { fromId, source, externalId };
}

function mayExist(ledger: RelationshipKeyLedger, k: CreatedKey): boolean {
  return ledger.mayExist(k.fromId, k.source, k.externalId);
}

/**
 * A ledger as an import leaves it after one batch: mark '1' seen inside the transaction,
 * `source` verified empty there, `created` recorded at the commit, which moved the mark to '2'.
 */
function ledgerAfterOneBatch(created: CreatedKey[], source = 'crm'): RelationshipKeyLedger {
  const ledger = new RelationshipKeyLedger();
  ledger.check('1');
  ledger.verified(source, false);
  ledger.committed('1', '2', created);
  return ledger;
}

describe('RelationshipKeyLedger', () => {
  test('without a write mark it never answers: no verification, every key may exist', () => {
    const ledger = new RelationshipKeyLedger();
    ledger.check(undefined);
    expect(ledger.needsVerification('crm')).toBe(false);
    expect(mayExist(ledger, key('a'))).toBe(true);

    // Even a verification result and a commit leave it silent while there is no mark.
    ledger.verified('crm', false);
    ledger.committed(undefined, undefined, [key('a')]);
    ledger.check(undefined);
    expect(ledger.needsVerification('crm')).toBe(false);
    expect(mayExist(ledger, key('b'))).toBe(true);
  });

  test('a source it has not verified needs verification and every key of it may exist', () => {
    const ledger = new RelationshipKeyLedger();
    ledger.check('1');
    expect(ledger.needsVerification('crm')).toBe(true);
    expect(mayExist(ledger, key('a'))).toBe(true);
  });

  test('a source verified empty: a key never created is surely absent, created keys may exist', () => {
    const ledger = ledgerAfterOneBatch([key('a'), key('b', 'crm', 'p2')]);
    ledger.check('2'); // the next import transaction: nothing else committed in between
    expect(ledger.needsVerification('crm')).toBe(false);
    expect(mayExist(ledger, key('a'))).toBe(true);
    expect(mayExist(ledger, key('b', 'crm', 'p2'))).toBe(true);
    expect(mayExist(ledger, key('c'))).toBe(false);
    // The key is the whole triple: the same external id from another entity was never created.
    expect(mayExist(ledger, key('a', 'crm', 'p2'))).toBe(false);
  });

  test('keys created in later batches are added while the mark follows the import’s own commits', () => {
    const ledger = ledgerAfterOneBatch([key('a')]);
    ledger.check('2');
    ledger.committed('2', '3', [key('b')]);
    ledger.check('3');
    expect(mayExist(ledger, key('a'))).toBe(true);
    expect(mayExist(ledger, key('b'))).toBe(true);
    expect(mayExist(ledger, key('c'))).toBe(false);
  });

  test('committed with a markBefore other than the ledger’s mark records nothing', () => {
    const ledger = ledgerAfterOneBatch([]);
    ledger.check('2');
    ledger.committed('7', '8', [key('a')]); // a transaction that saw another mark
    expect(mayExist(ledger, key('a'))).toBe(false);
    // ...and the mark did not move to its markAfter: the ledger still answers at '2'.
    ledger.check('2');
    expect(ledger.needsVerification('crm')).toBe(false);
  });

  test('check with a moved mark forgets every verified source', () => {
    const ledger = new RelationshipKeyLedger();
    ledger.check('1');
    ledger.verified('crm', false);
    ledger.verified('hr', false);
    ledger.committed('1', '2', [key('a'), key('x', 'hr')]);

    ledger.check('5'); // another commit came after '2'
    for (const source of ['crm', 'hr']) {
      expect(ledger.needsVerification(source)).toBe(true);
      expect(mayExist(ledger, key('never-created', source))).toBe(true);
    }
  });

  test('check with a moved mark keeps occupied sources occupied', () => {
    const ledger = new RelationshipKeyLedger();
    ledger.check('1');
    ledger.verified('legacy', true);
    ledger.check('9');
    expect(ledger.needsVerification('legacy')).toBe(false);
    expect(mayExist(ledger, key('a', 'legacy'))).toBe(true);
  });

  test('an occupied source never needs verification and every key of it may exist', () => {
    const ledger = new RelationshipKeyLedger();
    ledger.check('1');
    ledger.verified('legacy', true);
    ledger.committed('1', '2', [key('a', 'legacy')]);
    ledger.check('2');
    expect(ledger.needsVerification('legacy')).toBe(false);
    expect(mayExist(ledger, key('a', 'legacy'))).toBe(true);
    expect(mayExist(ledger, key('never-created', 'legacy'))).toBe(true);
  });

  test('keys of one source do not leak into another', () => {
    const ledger = new RelationshipKeyLedger();
    ledger.check('1');
    ledger.verified('crm', false);
    ledger.verified('hr', false);
    ledger.committed('1', '2', [key('a', 'crm')]);
    ledger.check('2');
    expect(mayExist(ledger, key('a', 'crm'))).toBe(true);
    expect(mayExist(ledger, key('a', 'hr'))).toBe(false);
    // A source the ledger never verified is not answered for by the others' keys.
    expect(mayExist(ledger, key('zzz', 'erp'))).toBe(true);
    expect(ledger.needsVerification('erp')).toBe(true);
  });
});
