import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { odooMaintenanceApiTest } from '../shared/odoo/credentialTest';
import { serviceStatusProperties, subtitle } from './description';
import { executeServiceStatus } from './execute';

export class ServiceStatus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Service Status',
		name: 'serviceStatus',
		icon: { light: 'file:serviceStatus.svg', dark: 'file:serviceStatus.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle,
		description:
			'Shows the monitored services: overview, history, a self-contained status page and badges (local store or Odoo)',
		defaults: { name: 'Service Status' },
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
		],
		properties: serviceStatusProperties,
	};

	methods = {
		credentialTest: { odooMaintenanceApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeServiceStatus.call(this);
	}
}
