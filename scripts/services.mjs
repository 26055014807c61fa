// `node scripts/services.mjs [postgres] [redis]`: starts throwaway PostgreSQL and/or Redis servers on loopback
// (both when none is named), installing Debian's packages first when they are missing, prints their connection
// settings as one JSON line on stdout, and stops them on Ctrl-C / SIGTERM.
import { startPostgres } from './lib/postgres.mjs';
import { startRedis } from './lib/redis.mjs';

const STARTERS = { postgres: startPostgres, redis: startRedis };

async function main() {
	const names = process.argv.slice(2);
	const unknown = names.filter((name) => !STARTERS[name]);
	if (unknown.length)
		throw new Error(
			`Unknown service ${unknown.join(', ')}: choose from ${Object.keys(STARTERS).join(', ')}`,
		);
	const started = {};
	let stopping = false;
	const stopAll = async (code) => {
		if (stopping) return;
		stopping = true;
		for (const service of Object.values(started).reverse()) await service.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => stopAll(0));
	process.on('SIGTERM', () => stopAll(0));
	try {
		for (const name of names.length ? names : Object.keys(STARTERS))
			started[name] = await STARTERS[name]();
	} catch (error) {
		console.error(`[services] ${error.message}`);
		await stopAll(1);
	}
	const settings = Object.fromEntries(
		Object.entries(started).map(([name, { stop, psql, createDatabase, log, ...rest }]) => [
			name,
			rest,
		]),
	);
	console.log(JSON.stringify(settings));
	console.error('[services] Running; Ctrl-C stops them.');
}

main();
