// Debian packages the tests need (PostgreSQL, Redis), installed with apt-get when missing, the way
// scripts/ensure-chromium.mjs gets Chromium. Only root can install; anyone else gets an error saying what to run.
import { execFileSync } from 'node:child_process';

let updated = false;

/** `apt-get install -y <packages>` (after one `apt-get update` per process); throws a clear error when it cannot. */
export function aptInstall(packages, { why }) {
	const command = `apt-get install -y ${packages.join(' ')}`;
	if (process.platform !== 'linux' || process.getuid?.() !== 0) {
		throw new Error(
			`${why}: install it with \`${command}\` (as root), or point the project at an existing install.`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// Several test processes may install at once: apt-get waits for dpkg's lock instead of failing.
	const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
	try {
		if (!updated) {
			console.error(`[apt] ${why}: apt-get update...`);
			execFileSync('apt-get', [...lockWait, 'update', '-qq'], {
				stdio: ['ignore', 'ignore', 'inherit'],
				env,
			});
			updated = true;
		}
		console.error(`[apt] ${command}...`);
		execFileSync(
			'apt-get',
			[...lockWait, 'install', '-y', '-qq', '--no-install-recommends', ...packages],
			{
				stdio: ['ignore', 'ignore', 'inherit'],
				env,
			},
		);
	} catch (error) {
		throw new Error(`${why}, and \`${command}\` failed: ${error.message}`);
	}
}
