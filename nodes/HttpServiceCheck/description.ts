import type { INodeProperties } from 'n8n-workflow';

import { v1Properties } from './descriptions/v1';
import { upgradeProperty, v2Options } from './descriptions/v2';

export const httpServiceCheckProperties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '={{ $json.url }}',
		required: true,
		hint: 'Expects one input item per service with a "url" field (e.g. from a Code node listing your services)',
		description: 'The service URL to check',
	},
	...upgradeProperty,
	{
		displayName: 'Service Name',
		name: 'serviceName',
		type: 'string',
		default: '={{ $json.name }}',
		description: 'Shown in maintenance requests and notifications',
	},
	{
		displayName: 'Equipment',
		name: 'equipment',
		type: 'string',
		default: '={{ $json.equipment }}',
		description: 'The maintenance equipment the service belongs to (name or ID)',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Basic Auth', value: 'basicAuth' },
		],
		default: 'none',
		description: 'Credentials sent to services that are behind HTTP Basic Auth',
	},
	...v1Properties,
	...v2Options,
];
