// The package as a host installs it: `npm run build`, `npm pack`, and the tarball unpacked as
// node_modules/account-elements of a fixture directory inside the repository (.tmp-interop/, git-ignored).
// The fixture apps and type probes live there, so `account-elements/...` resolves through the packed
// package.json's `exports`, while its dependencies (lit, ...) and the frameworks resolve from the
// repository's node_modules, as from a host's own install.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixtureRoot = join(repoRoot, '.tmp-interop');

/** Builds (unless ACCT_INTEROP_SKIP_BUILD=1, when dist/ is known fresh), packs and unpacks. */
export function packPackage(): { root: string; tarball: string; ms: { build: number; pack: number } } {
  const t0 = Date.now();
  if (process.env.ACCT_INTEROP_SKIP_BUILD !== '1') {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const t1 = Date.now();
  rmSync(fixtureRoot, { recursive: true, force: true });
  mkdirSync(join(fixtureRoot, 'node_modules', 'account-elements'), { recursive: true });
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--silent', '--pack-destination', fixtureRoot], { cwd: repoRoot, encoding: 'utf8' }),
  ) as Array<{ filename: string }>;
  const tarball = join(fixtureRoot, filename);
  execFileSync('tar', ['-xzf', tarball, '-C', join(fixtureRoot, 'node_modules', 'account-elements'), '--strip-components=1']);
  return { root: fixtureRoot, tarball, ms: { build: t1 - t0, pack: Date.now() - t1 } };
}
