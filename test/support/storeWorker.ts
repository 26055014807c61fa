// Run in a child process by the store tests: `node storeWorker.js <command> <store path or URL> [args]`.
import { getStateStore } from '../../nodes/shared/store/stateStore';
import { recordCheck } from '../../nodes/shared/store/serviceStatus';

async function main(): Promise<void> {
	const [command, storePath, ...args] = process.argv.slice(2);
	const store = await getStateStore(storePath);
	if (command === 'fail-checks') {
		// Records N failed checks of one service, each its own transaction.
		const count = Number(args[0]);
		for (let i = 0; i < count; i++) {
			await recordCheck(
				store,
				{
					serviceKey: 'shared-service',
					equipment: 'srv',
					serviceName: 'web',
					url: 'https://127.0.0.1/',
					ok: false,
					statusCode: 503,
					errorCode: 'UNEXPECTED_STATUS',
					checkedAt: new Date().toISOString(),
				},
				{ failureThreshold: 1, successThreshold: 1 },
			);
		}
		process.stdout.write('done\n');
	} else if (command === 'crash-mid-transaction') {
		// Writes two rows inside one transaction and dies before committing.
		await store.transaction(async (tx) => {
			await tx.run("INSERT INTO ip_state (scope, current_ip) VALUES ('crash-1', '10.0.0.1')");
			await tx.run("INSERT INTO ip_state (scope, current_ip) VALUES ('crash-2', '10.0.0.2')");
			process.stdout.write('written\n', () => process.kill(process.pid, 'SIGKILL'));
			await new Promise(() => undefined);
		});
	} else {
		throw new Error(`unknown command ${command}`);
	}
	await store.close();
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exitCode = 1;
});
