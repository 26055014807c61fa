// The state store's operations on SQLite and on PostgreSQL, in one run, side by side: p50 and p99 per
// call, and PostgreSQL's time as a multiple of SQLite's (target: at most 1.5x per operation on loopback).
//
//   node bench/store.bench.mjs
//
// PostgreSQL is the tests' throwaway server (scripts/lib/postgres.mjs: Debian's package on loopback,
// fsync and synchronous_commit off, like SQLite's synchronous=NORMAL in WAL mode, which does not sync
// each commit either). Each operation runs 1,000 times (the lookup 200 times) after a warm-up pass on
// other keys; the SQLite file is on the local disk. Exits non-zero only on errors, not on missed targets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startPostgres } from '../scripts/lib/postgres.mjs';
import { importTs, loadAverage } from './lib.mjs';

const TARGET_RATIO = 1.5;
const { openStore, measure, EQUIPMENTS } = await importTs('bench/storeOps.ts');

const percentile = (samples, p) => {
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function run(place) {
	const store = await openStore(place);
	try {
		await measure(store, 'warm-');
		return await measure(store);
	} finally {
		await store.close();
	}
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'odoo-maint-bench-store-'));
const postgres = await startPostgres();
try {
	const pgUrl = new URL(postgres.url);
	pgUrl.searchParams.set('schema', 'bench');
	const sqlite = await run(path.join(work, 'state.sqlite'));
	const pg = await run(pgUrl.toString());
	console.log(
		`Store operations, ${EQUIPMENTS} equipment, load average ${loadAverage()} (ms per call)`,
	);
	console.log(
		'operation'.padEnd(32) +
			['SQLite p50', 'p99', 'PostgreSQL p50', 'p99', 'ratio p50', 'p99', 'target']
				.map((h) => h.padStart(11))
				.join(''),
	);
	for (const name of Object.keys(sqlite)) {
		const [s50, s99, p50, p99] = [
			percentile(sqlite[name], 50),
			percentile(sqlite[name], 99),
			percentile(pg[name], 50),
			percentile(pg[name], 99),
		];
		const ratio50 = p50 / s50;
		const ratio99 = p99 / s99;
		console.log(
			name.padEnd(32) +
				[s50, s99, p50, p99].map((v) => v.toFixed(3).padStart(11)).join('') +
				[ratio50, ratio99].map((v) => `${v.toFixed(2)}x`.padStart(11)).join('') +
				(ratio50 <= TARGET_RATIO ? 'met' : 'missed').padStart(11),
		);
	}
} finally {
	await postgres.stop();
	fs.rmSync(work, { recursive: true, force: true });
}
