import { describeTarget } from '../../graph/open-graph';
import { cliConfig, openServices } from '../cli-context';

/**
 * `xrm migrate`: opens the configured graph, applies `cypher/schema/<engine>.cypher`
 * (idempotent) and seeds the default metamodel when the database has never been seeded.
 */
export async function migrate(out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const config = cliConfig();
  const ctx = await openServices(config);
  try {
    const statements = ctx.catalogue.statements(`schema/${ctx.engine.kind}`);
    const kinds = await ctx.services.metamodel.listKinds();
    const types = await ctx.services.metamodel.listRelationshipTypes();
    out.write(
      `Schema applied to ${describeTarget(config.graph)}: ${statements.length} statements (cypher/schema/${ctx.engine.kind}.cypher).\n` +
        `Metamodel: ${kinds.length} kinds, ${types.length} relationship types.\n`,
    );
  } finally {
    await ctx.close();
  }
}
