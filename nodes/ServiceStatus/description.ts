import type { INodeProperties } from 'n8n-workflow';

import { labelSubtitle, storePathOption } from '../shared/n8n/descriptions';

const show = (operation: string[]) => ({ show: { operation } });

export const serviceStatusProperties: INodeProperties[] = [
	{
		displayName: 'Backend',
		name: 'backend',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Local',
				value: 'local',
				description: 'Open requests and maintenance windows of the embedded state store',
			},
			{
				name: 'Odoo',
				value: 'odoo',
				description:
					'Open [HTTP KO] requests and preventive maintenance of Odoo, with links to Odoo',
			},
		],
		default: 'local',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Badge',
				value: 'badge',
				action: 'Render a status badge',
				description: 'A shields-style SVG badge with the state and 30-day uptime of one service',
			},
			{
				name: 'History',
				value: 'history',
				action: 'Get the history of a service',
				description:
					"One service's check results or hourly/daily figures over a period, for charts",
			},
			{
				name: 'Overview',
				value: 'overview',
				action: 'Get the state of every service',
				description:
					'One item per service: state, last check, uptime, p95, certificate, request, maintenance',
			},
			{
				name: 'Status Page',
				value: 'statusPage',
				action: 'Render the status page',
				description: 'The overview as one self-contained HTML page, or as JSON',
			},
		],
		default: 'statusPage',
	},
	{
		displayName: 'Service',
		name: 'service',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Website',
		description:
			'The service name given to HTTP Service Check, or its key equipment|name|URL when several services share a name',
		displayOptions: show(['badge', 'history']),
	},
	{
		displayName: 'Period',
		name: 'period',
		type: 'string',
		default: '24h',
		placeholder: '7d',
		description:
			'How far back: hours or days (24h, 7d, 90d), or a start date or time with its offset (2026-11-01, 2026-11-01T08:00:00+01:00)',
		displayOptions: show(['history']),
	},
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		options: [
			{ name: 'Automatic', value: 'auto', description: 'The finest kept for the whole period' },
			{ name: 'Every Check', value: 'raw' },
			{ name: 'Hourly', value: 'hourly' },
			{ name: 'Daily', value: 'daily' },
		],
		default: 'auto',
		displayOptions: show(['history']),
	},
	{
		displayName: 'Format',
		name: 'format',
		type: 'string',
		default: 'html',
		description: 'Html (the page) or JSON (the same data). The template maps it from ?format=.',
		displayOptions: show(['statusPage']),
	},
	{
		displayName: 'Page Title',
		name: 'title',
		type: 'string',
		default: 'Service status',
		displayOptions: show(['statusPage']),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [storePathOption('the check history, statuses, Local requests and windows')],
	},
];

/** The canvas subtitle, e.g. "Status page · Local". */
export const subtitle = labelSubtitle(serviceStatusProperties, ['operation', 'backend']);
