/**
 * Registers a skipped test whose title says why, and prints the reason where it cannot be
 * missed. Jest's default reporter drops the console output of a file whose tests are all
 * skipped (only `--verbose` shows it), so the reason also goes straight to stderr.
 */
export function skipLoudly(title: string): void {
  console.warn(title);
  process.stderr.write(`\n⚠ ${title}\n\n`);
  test.skip(title, () => undefined);
}
