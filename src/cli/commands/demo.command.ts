import { DemoService } from '../../domain/demo/demo.service';
import { DEMO_SCALES, type DemoScale } from '../../domain/demo/demo-generator';
import { cliConfig, openServices } from '../cli-context';
import { CliError, ExitCode } from '../exit-codes';

export interface DemoCommandOptions {
  scale: string;
  seed: number;
  batchSize?: number;
  quiet?: boolean;
}

/**
 * `xrm demo`: loads the deterministic trade-fair network of a scale and seed. Running it
 * again with the same seed changes nothing.
 */
export async function demo(options: DemoCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (!(DEMO_SCALES as readonly string[]).includes(options.scale)) {
    throw new CliError(`Unknown scale "${options.scale}"; use one of ${DEMO_SCALES.join(', ')}`, ExitCode.USAGE);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new CliError('--seed must be a whole number ≥ 0', ExitCode.USAGE);
  const ctx = await openServices(cliConfig());
  try {
    const { services } = ctx;
    const service = new DemoService(services.imports, services.touchpoints, services.bookings);
    let last = 0;
    const result = await service.load(options.scale as DemoScale, options.seed, {
      actor: 'cli:demo',
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      onProgress: (phase, done, total) => {
        if (options.quiet || (Date.now() - last < 1000 && done < total)) return;
        last = Date.now();
        process.stderr.write(`${phase}: ${done}/${total}\n`);
      },
    });
    const e = result.entities;
    const r = result.relationships;
    out.write(
      `Demo ${options.scale} (seed ${options.seed}, source "${result.source}") in ${(result.millis.total / 1000).toFixed(1)} s:\n` +
        `  entities:      ${e.created} created, ${e.updated} updated, ${e.unchanged} unchanged (${(result.millis.entities / 1000).toFixed(1)} s)\n` +
        `  relationships: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged (${(result.millis.relationships / 1000).toFixed(1)} s)\n` +
        `  touchpoints:   ${result.touchpoints} recorded (idempotent)\n` +
        `  bookings:      ${result.bookings} made (slots already booked are skipped)\n`,
    );
    if (result.rejected > 0) {
      out.write(`  ${result.rejected} generated rows were rejected (a bug in the demo generator)\n`);
      return ExitCode.FAILURE;
    }
    return ExitCode.OK;
  } finally {
    await ctx.close();
  }
}
