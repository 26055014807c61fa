// `npm run bench`: every benchmark of the package, one after the other (each starts what it needs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = fs
	.readdirSync(here)
	.filter((file) => file.endsWith('.bench.mjs'))
	.filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
	.sort();

let failed = 0;
for (const file of benches) {
	console.log(`\n=== ${file} ===`);
	const result = spawnSync(process.execPath, [path.join(here, file)], { stdio: 'inherit' });
	if (result.status !== 0) {
		failed++;
		console.log(`${file} exited with ${result.status}`);
	}
}
process.exit(failed ? 1 : 0);
