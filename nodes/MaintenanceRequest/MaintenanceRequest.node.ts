import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { testBasicAuthCredential } from '../shared/n8n/basicAuthCredentialTest';
import { toNodeError } from '../shared/n8n/errors';
import { odooClientFor } from '../shared/n8n/odoo';
import { connectionFromCredentials, odooMaintenanceApiTest } from '../shared/odoo/credentialTest';
import { executionStateStore } from '../shared/n8n/store';
import { route } from './actions/router';
import { localRequestBackend } from './backends/local';
import { odooRequestBackend } from './backends/odoo';
import { maintenanceRequestProperties } from './description';

export class MaintenanceRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Maintenance Request',
		name: 'maintenanceRequest',
		icon: { light: 'file:maintenanceRequest.svg', dark: 'file:maintenanceRequest.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + " (" + $parameter["backend"] + ")" }}',
		description:
			'Opens one "[HTTP KO]" maintenance request per equipment per day for failing services, closes it on recovery, and notifies a webhook',
		defaults: { name: 'Maintenance Request' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'odooMaintenanceApi',
				required: true,
				testedBy: 'odooMaintenanceApiTest',
				displayOptions: { show: { backend: ['odoo'] } },
			},
			{
				name: 'odooMaintenanceBasicAuthApi',
				required: true,
				testedBy: 'odooMaintenanceBasicAuthTest',
				displayOptions: { show: { notificationAuthentication: ['basicAuth'] } },
			},
		],
		properties: maintenanceRequestProperties,
	};

	methods = {
		credentialTest: {
			odooMaintenanceApiTest,
			odooMaintenanceBasicAuthTest: testBasicAuthCredential,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			const options = this.getNodeParameter('options', 0, {}) as IDataObject;
			const store = await executionStateStore(this, options.storePath as string | undefined);
			let backend = localRequestBackend(store);
			if (this.getNodeParameter('backend', 0) === 'odoo') {
				const connection = connectionFromCredentials(
					(await this.getCredentials('odooMaintenanceApi')) as Record<string, unknown>,
				);
				backend = odooRequestBackend(await odooClientFor.call(this), store, {
					url: connection.url,
					db: connection.db,
				});
			}
			return await route.call(this, { backend, store, now: new Date().toISOString() });
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
}
