import type { INodeProperties } from 'n8n-workflow';

import { storePathOption } from '../../shared/n8n/descriptions';
import { timeZoneOptions } from '../../shared/n8n/timeZones';

const inputModeOptions = [
	{
		name: 'From HTTP Service Check (Automatic)',
		value: 'auto',
		description:
			'Read equipment, name, URL and the failed check from the items of an HTTP Service Check node',
	},
	{ name: 'Define Below', value: 'define', description: 'Map the service fields yourself' },
];

/** Where the failing or recovered services come from; version 1 nodes keep mapping them by hand. */
export const inputModeProperties: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: inputModeOptions,
		default: 'define',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Input',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: inputModeOptions,
		default: 'auto',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
];

const defined = { inputMode: ['define'] };

/** The service of each item, mapped by hand ("Define Below"); defaults read an HTTP Service Check item. */
export const serviceFields: INodeProperties[] = [
	{
		displayName: 'Equipment',
		name: 'equipment',
		type: 'string',
		default: '={{ $json.equipment }}',
		required: true,
		description: 'The equipment of the service (name, or Odoo ID)',
		displayOptions: { show: defined },
	},
	{
		displayName: 'Service Name',
		name: 'serviceName',
		type: 'string',
		default: '={{ $json.name }}',
		displayOptions: { show: defined },
	},
	{
		displayName: 'Service URL',
		name: 'serviceUrl',
		type: 'string',
		default: '={{ $json.check ? $json.check.url : $json.url }}',
		displayOptions: { show: defined },
	},
];

/** "Send Webhook Notification" with its URL and authentication (Report Failures, Resolve Recovered). */
export function notificationFields(what: string): INodeProperties[] {
	const notifying = { sendNotification: [true] };
	return [
		{
			displayName: 'Send Webhook Notification',
			name: 'sendNotification',
			type: 'boolean',
			default: false,
			description: `Whether to POST ${what} as JSON {ID, name, priority, description, equipment, link} to a URL`,
		},
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://chat.example.com/hooks/maintenance',
			displayOptions: { show: notifying },
		},
		{ ...notificationAuthentication, displayOptions: { show: notifying } },
	];
}

export const notificationAuthentication: INodeProperties = {
	displayName: 'Webhook Authentication',
	name: 'notificationAuthentication',
	type: 'options',
	options: [
		{ name: 'None', value: 'none' },
		{ name: 'Basic Auth', value: 'basicAuth' },
	],
	default: 'none',
};

export const priorityField: INodeProperties = {
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
};

/** How undelivered notifications are retried: offered wherever notifications are sent. */
export const notificationOptions: INodeProperties[] = [
	{
		displayName: 'Give Up Notifying After (Hours)',
		name: 'notificationMaxAgeHours',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 168,
		description: 'An undelivered notification is retried on every run for this long',
	},
	{
		displayName: 'Notification Attempts',
		name: 'notificationAttempts',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 3,
		description: 'Attempts within a run; undelivered notifications stay queued for the next runs',
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
];

export const storeOption = storePathOption('the dedup ledger and the notification outbox');

export const timeZoneOption: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'options',
	options: timeZoneOptions,
	default: '',
	description:
		'Time zone of the day in "one request per equipment per day". Empty: the workflow\'s time zone.',
};

export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
