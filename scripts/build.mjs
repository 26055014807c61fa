// Builds dist/: type-checks with tsc, bundles every node and credential listed in package.json with esbuild
// (so got, luxon and pg ship inside dist and the package has no runtime dependencies), bundles the store
// move script, and copies icons and codex files.
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

import { PROJECT_ROOT } from './lib/paths.mjs';
import { run } from './lib/run.mjs';

const dist = path.join(PROJECT_ROOT, 'dist');
const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
const entries = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
/** Scripts shipped in dist/ beside the nodes (source, output). */
const scripts = [['nodes/shared/store/moveStoreCli.ts', 'dist/move-store.js']];
/**
 * node-postgres is bundled pure JavaScript: its optional native binding (pg-native) and its Cloudflare
 * socket are never required on Node (only behind `pg.native` and a Workers-only branch), so left out.
 */
const EXTERNAL = ['n8n-workflow', 'pg-native', 'pg-cloudflare'];

fs.rmSync(dist, { recursive: true, force: true });
if (!process.argv.includes('--no-check')) {
	await run(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
		cwd: PROJECT_ROOT,
		label: 'tsc',
	});
}

const bundles = [
	...entries.map((entry) => [entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'), entry]),
	...scripts,
];
for (const [relativeSource, entry] of bundles) {
	const source = path.join(PROJECT_ROOT, relativeSource);
	if (!fs.existsSync(source)) throw new Error(`${entry} is listed in package.json but ${source} does not exist`);
	buildSync({
		entryPoints: [source],
		outfile: path.join(PROJECT_ROOT, entry),
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node22',
		external: EXTERNAL,
		legalComments: 'linked',
		logLevel: 'error',
	});
}

for (const dir of ['nodes', 'credentials', 'icons']) copyAssets(path.join(PROJECT_ROOT, dir));

function copyAssets(dir) {
	if (!fs.existsSync(dir)) return;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) copyAssets(full);
		else if (/\.(svg|png)$/.test(entry.name) || /\.node\.json$/.test(entry.name)) {
			const target = path.join(dist, path.relative(PROJECT_ROOT, full));
			fs.mkdirSync(path.dirname(target), { recursive: true });
			fs.copyFileSync(full, target);
		}
	}
}

console.error(`[build] ${bundles.length} entries bundled into dist/`);
