// Builds dist/: type-checks with tsc, bundles every node and credential listed in package.json with esbuild
// (so got and luxon ship inside dist and the package has no runtime dependencies), and copies icons and codex files.
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

import { PROJECT_ROOT } from './lib/paths.mjs';
import { run } from './lib/run.mjs';

const dist = path.join(PROJECT_ROOT, 'dist');
const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
const entries = [...pkg.n8n.nodes, ...pkg.n8n.credentials];

fs.rmSync(dist, { recursive: true, force: true });
if (!process.argv.includes('--no-check')) {
	await run(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
		cwd: PROJECT_ROOT,
		label: 'tsc',
	});
}

for (const entry of entries) {
	const source = path.join(PROJECT_ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	if (!fs.existsSync(source)) throw new Error(`${entry} is listed in package.json but ${source} does not exist`);
	buildSync({
		entryPoints: [source],
		outfile: path.join(PROJECT_ROOT, entry),
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node22',
		external: ['n8n-workflow'],
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

console.error(`[build] ${entries.length} entries bundled into dist/`);
