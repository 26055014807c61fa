import { spawn } from 'node:child_process';

/** Runs a command, streaming its output with a prefix; rejects on a non-zero exit. */
export function run(cmd, args, { cwd, env, quiet = false, label = cmd } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const onData = (chunk) => {
			output += chunk;
			if (output.length > 200_000) output = output.slice(-100_000);
			if (!quiet) process.stderr.write(chunk);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve(output);
			else reject(new Error(`${label} exited with ${code}\n${output.slice(-4000)}`));
		});
	});
}
