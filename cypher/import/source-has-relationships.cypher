// Whether any relationship holds an import key of $source. A scan of the relationships
// on both engines (relationship properties are not indexed here), stopping at the first:
// the import runs it once per source and process, before trusting that a source it
// verified empty holds only the relationships it created since (relationship-key-ledger).
MATCH ()-[r]->()
WHERE r.source = $source
RETURN r.id AS id
LIMIT 1
