import { buildSync } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Bundles a TypeScript entry into a CommonJS file that a child `node` process can run. */
export function bundleForChild(entry: string): string {
	const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'odoo-maint-child-'));
	const outfile = path.join(outdir, `${path.basename(entry, '.ts')}.js`);
	buildSync({
		entryPoints: [entry],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node22',
		// As scripts/build.mjs: node-postgres' optional native binding and Workers socket are never loaded.
		external: ['pg-native', 'pg-cloudflare'],
		logLevel: 'error',
	});
	return outfile;
}

export function tempDir(prefix = 'odoo-maint-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
