import type { INodeProperties } from 'n8n-workflow';

import { storePathOption } from '../shared/n8n/descriptions';

const reportOrResolve = { operation: ['reportFailures', 'resolveRecovered'] };
const notifying = { sendNotification: [true] };

export const maintenanceRequestProperties: INodeProperties[] = [
	{
		displayName: 'Backend',
		name: 'backend',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Local',
				value: 'local',
				description: 'Requests are kept in the embedded state store of this n8n',
			},
			{
				name: 'Odoo',
				value: 'odoo',
				description: 'Requests are maintenance.request records in Odoo',
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
				name: 'Close Request',
				value: 'closeRequest',
				action: 'Close a request by its ID',
				description: 'Close one open "[HTTP KO]" request by hand, with a note',
			},
			{
				name: 'List Requests',
				value: 'listRequests',
				action: 'List requests',
				description: 'The "[HTTP KO]" requests: open, closed or all, by equipment, since a date',
			},
			{
				name: 'Report Failures',
				value: 'reportFailures',
				action: 'Report failing services',
				description:
					'One "[HTTP KO]" corrective request per equipment per day listing every failing service',
			},
			{
				name: 'Resolve Recovered',
				value: 'resolveRecovered',
				action: 'Resolve requests of recovered services',
				description: 'Close the open "[HTTP KO]" requests whose services have all recovered',
			},
			{
				name: 'Retry Pending',
				value: 'retryPending',
				action: 'Retry pending reports and notifications',
				description:
					'Report failures kept while Odoo was unreachable and send queued notifications',
			},
		],
		default: 'reportFailures',
	},
	{
		displayName: 'Requests',
		name: 'listState',
		type: 'options',
		options: [
			{ name: 'Open', value: 'open' },
			{ name: 'Closed', value: 'closed' },
			{ name: 'All', value: 'all' },
		],
		default: 'open',
		displayOptions: { show: { operation: ['listRequests'] } },
	},
	{
		displayName: 'Equipment Filter',
		name: 'listEquipment',
		type: 'string',
		default: '',
		description:
			'Only the requests of this equipment (name, or Odoo ID); empty for every equipment',
		displayOptions: { show: { operation: ['listRequests'] } },
	},
	{
		displayName: 'Created Since',
		name: 'since',
		type: 'string',
		default: '',
		placeholder: '2026-11-01',
		description:
			'Only requests created from this date (UTC) or date-time with its offset; empty for any date',
		displayOptions: { show: { operation: ['listRequests'] } },
	},
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'number',
		default: 0,
		required: true,
		description: 'The ID of the request (Local: as List Requests shows it; Odoo: the record ID)',
		displayOptions: { show: { operation: ['closeRequest'] } },
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Why it is closed: posted as a note in Odoo, added to the description in Local',
		displayOptions: { show: { operation: ['closeRequest'] } },
	},
	{
		displayName: 'Equipment',
		name: 'equipment',
		type: 'string',
		default: '={{ $json.equipment }}',
		description: 'The equipment of the service (name, or Odoo ID)',
		displayOptions: { show: reportOrResolve },
	},
	{
		displayName: 'Service Name',
		name: 'serviceName',
		type: 'string',
		default: '={{ $json.name }}',
		displayOptions: { show: reportOrResolve },
	},
	{
		displayName: 'Service URL',
		name: 'serviceUrl',
		type: 'string',
		default: '={{ $json.check ? $json.check.url : $json.url }}',
		displayOptions: { show: reportOrResolve },
	},
	{
		displayName: 'Status Code',
		name: 'statusCode',
		type: 'string',
		default: '={{ $json.check ? $json.check.statusCode : -1 }}',
		description: 'The HTTP status of the failed check; -1 when there was no HTTP response',
		displayOptions: { show: { operation: ['reportFailures'] } },
	},
	{
		displayName: 'Error',
		name: 'errorMessage',
		type: 'string',
		default:
			'={{ $json.check && $json.check.error ? $json.check.error.code + ": " + $json.check.error.message : "" }}',
		displayOptions: { show: { operation: ['reportFailures'] } },
	},
	{
		displayName: 'Failed At',
		name: 'failedAt',
		type: 'string',
		default: '={{ $json.check ? $json.check.checkedAt : $now.toUTC().toISO() }}',
		displayOptions: { show: { operation: ['reportFailures'] } },
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: [
			{ name: 'Very Low', value: '0' },
			{ name: 'Low', value: '1' },
			{ name: 'Normal', value: '2' },
			{ name: 'High', value: '3' },
		],
		default: '2',
		displayOptions: { show: { operation: ['reportFailures', 'retryPending'] } },
	},
	{
		displayName: 'Send Webhook Notification',
		name: 'sendNotification',
		type: 'boolean',
		default: false,
		description:
			'Whether to POST each new request as JSON {ID, name, priority, description, equipment, link} to a URL (on Resolve Recovered: each closed request)',
		displayOptions: { show: reportOrResolve },
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://chat.example.com/hooks/maintenance',
		displayOptions: { show: { ...notifying } },
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		description:
			'Queued notifications to this URL are sent. Empty: every queued notification (only without authentication, so credentials never go to another endpoint).',
		displayOptions: { show: { operation: ['retryPending'] } },
	},
	...[{ show: notifying }, { show: { operation: ['retryPending'] } }].map(
		(displayOptions): INodeProperties => ({
			displayName: 'Webhook Authentication',
			name: 'notificationAuthentication',
			type: 'options',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Basic Auth', value: 'basicAuth' },
			],
			default: 'none',
			displayOptions,
		}),
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Canary Max Failure Percentage',
				name: 'canaryMaxFailurePercent',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 0,
				description:
					'When more than this share of the checked services fail at once, one request is opened for the monitoring itself instead of one per equipment. 0 turns it off.',
			},
			{
				displayName: 'Canary URLs',
				name: 'canaryUrls',
				type: 'string',
				default: '',
				placeholder: 'https://www.example.com/',
				description:
					'Comma-separated URLs that should always be up. When one fails, the monitoring itself is reported instead of each equipment (Report Failures).',
			},
			{
				displayName: 'Checked Services Count',
				name: 'totalServices',
				type: 'number',
				default: 0,
				description:
					'How many services were checked in this run, for the canary percentage, e.g. {{ $("HTTP Service Check").all(0).length + $("HTTP Service Check").all(1).length }}',
			},
			{
				displayName: 'Give Up Notifications After (Hours)',
				name: 'notificationMaxAgeHours',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 168,
				description: 'An undelivered notification is retried on every run for this long',
			},
			{
				displayName: 'Monitoring Equipment Name',
				name: 'monitoringEquipment',
				type: 'string',
				default: 'Monitoring',
				description: 'Name used in the request opened for the monitoring itself (canary guard)',
			},
			{
				displayName: 'Notification Attempts per Run',
				name: 'notificationAttempts',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 3,
				description:
					'Attempts within a run; undelivered notifications stay queued for the next runs',
			},
			{
				displayName: 'Notification Retry Delay (Ms)',
				name: 'notificationRetryDelayMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1000,
				description: 'Pause before the second attempt, doubled for each further one',
			},
			{
				displayName: 'Notification Timeout (Ms)',
				name: 'notificationTimeoutMs',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10000,
			},
			storePathOption('the dedup ledger and the notification outbox'),
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'Europe/Paris',
				description:
					'IANA time zone of the day in "one request per equipment per day". Empty: the workflow\'s time zone.',
			},
		],
	},
];
