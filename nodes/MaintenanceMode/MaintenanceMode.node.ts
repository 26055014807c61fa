import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { odooMaintenanceApiTest } from '../shared/odoo/credentialTest';
import { toNodeError } from '../shared/n8n/errors';
import { odooClientFor } from '../shared/n8n/odoo';
import { executionStateStore } from '../shared/n8n/store';
import { route } from './actions/router';
import { localBackend } from './backends/local';
import { odooBackend } from './backends/odoo';
import type { MaintenanceBackend } from './backends/types';
import { maintenanceModeProperties } from './description';

export class MaintenanceMode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Maintenance Mode',
		name: 'maintenanceMode',
		icon: { light: 'file:maintenanceMode.svg', dark: 'file:maintenanceMode.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + " (" + $parameter["backend"] + ")" }}',
		description:
			'Suspends monitoring of equipment during maintenance windows (local store or Odoo)',
		defaults: { name: 'Maintenance Mode' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ $parameter["operation"] === "filterItems" ? [{ type: "${NodeConnectionTypes.Main}", displayName: "Not in maintenance" }, { type: "${NodeConnectionTypes.Main}", displayName: "In maintenance" }] : [{ type: "${NodeConnectionTypes.Main}" }] }}`,
		credentials: [
			{
				name: 'odooMaintenanceApi',
				required: true,
				testedBy: 'odooMaintenanceApiTest',
				displayOptions: { show: { backend: ['odoo'] } },
			},
		],
		properties: maintenanceModeProperties,
	};

	methods = {
		credentialTest: { odooMaintenanceApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const backendName = this.getNodeParameter('backend', 0) as string;
		try {
			let backend: MaintenanceBackend;
			if (backendName === 'odoo') {
				backend = odooBackend(await odooClientFor.call(this));
			} else {
				const options = this.getNodeParameter('options', 0, {}) as IDataObject;
				backend = localBackend(
					await executionStateStore(this, options.storePath as string | undefined),
				);
			}
			return await route.call(this, { backend, now: new Date().toISOString() });
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
}
