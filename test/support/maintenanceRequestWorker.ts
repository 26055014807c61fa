// Run in a child process by the concurrency tests: `node maintenanceRequestWorker.js '<json config>'`.
// Executes the Maintenance Request node once (through the fake IExecuteFunctions), starting at
// `startAt` (epoch ms) so that two processes run at the same moment, and prints the output items.
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { MaintenanceRequest } from '../../nodes/MaintenanceRequest/MaintenanceRequest.node';
import { maintenanceRequestProperties } from '../../nodes/MaintenanceRequest/description';
import { fakeExecuteFunctions } from './fakeExecuteFunctions';

interface WorkerConfig {
	startAt: number;
	items: IDataObject[];
	parameters: Record<string, unknown>;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

const config = JSON.parse(process.argv[2]) as WorkerConfig;

async function main() {
	const fake = fakeExecuteFunctions({
		items: config.items,
		parameters: config.parameters,
		properties: maintenanceRequestProperties,
		credentials: config.credentials,
		timezone: 'UTC',
	});
	const [output] = await new MaintenanceRequest().execute.call(fake);
	process.stdout.write(JSON.stringify(output.map((item) => item.json)));
}

setTimeout(
	() => {
		main().catch((error: Error) => {
			process.stderr.write(`${error.message}\n`);
			process.exitCode = 1;
		});
	},
	Math.max(0, config.startAt - Date.now()),
);
