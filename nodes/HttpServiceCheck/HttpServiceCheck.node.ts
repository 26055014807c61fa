import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { testBasicAuthCredential } from '../shared/n8n/basicAuthCredentialTest';
import { httpServiceCheckProperties } from './description';
import { executeHttpServiceCheck } from './execute';

export class HttpServiceCheck implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HTTP Service Check',
		name: 'httpServiceCheck',
		icon: { light: 'file:httpServiceCheck.svg', dark: 'file:httpServiceCheck.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		// The editor resolves $parameter: an expression URL without input data is empty there.
		subtitle: '={{ $parameter["url"] || "URL from input" }}',
		description:
			'Checks service URLs over HTTP(S) with timings, TLS and thresholds, and routes them to Up or Down',
		defaults: { name: 'HTTP Service Check' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Up', 'Down'],
		credentials: [
			{
				name: 'odooMaintenanceBasicAuthApi',
				required: true,
				testedBy: 'odooMaintenanceBasicAuthTest',
				displayOptions: { show: { authentication: ['basicAuth'] } },
			},
		],
		properties: httpServiceCheckProperties,
	};

	methods = {
		credentialTest: { odooMaintenanceBasicAuthTest: testBasicAuthCredential },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeHttpServiceCheck.call(this);
	}
}
