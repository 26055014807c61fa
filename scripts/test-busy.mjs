// `npm run test:busy`: the whole `npm test` with CPU-bound processes running beside it, as on a contributor's busy
// machine. The busy processes stop when the tests end, pass or fail, and on their own after BUSY_MAX_MINUTES or if
// this script dies.
import { spawn } from 'node:child_process';

const COUNT = Number(process.env.BUSY_PROCESSES || 2);
const MAX_MS = Number(process.env.BUSY_MAX_MINUTES || 60) * 60_000;

const SPIN = `
const end = Date.now() + ${MAX_MS};
const parent = process.ppid;
while (Date.now() < end && process.ppid === parent) for (let i = 0; i < 1e7; i++);
`;

const busy = Array.from({ length: COUNT }, () =>
	spawn(process.execPath, ['-e', SPIN], { stdio: 'ignore' }),
);
const stopBusy = () => busy.forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
process.on('exit', stopBusy);

const started = Date.now();
console.error(
	`[test:busy] ${COUNT} CPU-bound processes (pids ${busy.map((child) => child.pid).join(', ')}), then npm test`,
);
// Its own process group, so that an interruption stops every process the tests started.
const tests = spawn('npm', ['test'], { stdio: 'inherit', detached: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		try {
			process.kill(-tests.pid, signal);
		} catch {
			// already gone
		}
		stopBusy();
		process.exit(1);
	});
}
tests.on('exit', (code, signal) => {
	stopBusy();
	const seconds = Math.round((Date.now() - started) / 1000);
	console.error(
		`[test:busy] npm test ${code === 0 ? 'passed' : `failed (${signal ?? code})`} in ${seconds} s beside ${COUNT} busy processes`,
	);
	process.exit(code ?? 1);
});
