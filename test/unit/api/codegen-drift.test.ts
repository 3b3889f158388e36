import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const COMMITTED = 'test/generated/graphql.ts';

describe(COMMITTED, () => {
  it('matches a fresh run of graphql-codegen over codegen.yml (run `npm run codegen` after changing operations or the schema)', () => {
    // Same config, output redirected to a temp dir. The CLI runs in its own process:
    // it is ESM inside and does not load under Jest's CommonJS runtime.
    const dir = mkdtempSync(join(tmpdir(), 'xrm-codegen-'));
    try {
      const config = readFileSync(join(root, 'codegen.yml'), 'utf8').replace(`${COMMITTED}:`, `${join(dir, 'graphql.ts')}:`);
      expect(config).toContain(dir);
      writeFileSync(join(dir, 'codegen.yml'), config);
      execFileSync(join(root, 'node_modules', '.bin', 'graphql-codegen'), ['--config', join(dir, 'codegen.yml'), '--silent'], {
        cwd: root,
        stdio: 'pipe',
      });
      expect(readFileSync(join(root, COMMITTED), 'utf8')).toBe(readFileSync(join(dir, 'graphql.ts'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
