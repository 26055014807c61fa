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
		// $rawParameter: the canvas has no input data, so resolving an expression URL ($parameter) fails
		// and the editor then shows no subtitle at all.
		subtitle:
			'={{ !$rawParameter["url"] || String($rawParameter["url"]).startsWith("=") ? "URL from input" : $rawParameter["url"] }}',
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
