import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import {
	inputModeProperties,
	notificationFields,
	notificationOptions,
	optionsCollection,
	priorityField,
	serviceFields,
	storeOption,
	timeZoneOption,
} from './common';

const defined = { inputMode: ['define'] };

const properties: INodeProperties[] = [
	...inputModeProperties,
	...serviceFields,
	{
		displayName: 'Status Code',
		name: 'statusCode',
		type: 'string',
		default: '={{ $json.check ? $json.check.statusCode : -1 }}',
		description: 'The HTTP status of the failed check; -1 when there was no HTTP response',
		displayOptions: { show: defined },
	},
	{
		displayName: 'Error',
		name: 'errorMessage',
		type: 'string',
		default:
			'={{ $json.check && $json.check.error ? $json.check.error.code + ": " + $json.check.error.message : "" }}',
		displayOptions: { show: defined },
	},
	{
		displayName: 'Failed At',
		name: 'failedAt',
		type: 'string',
		default: '={{ $json.check ? $json.check.checkedAt : $now.toUTC().toISO() }}',
		displayOptions: { show: defined },
	},
	priorityField,
	...notificationFields('each new request'),
	optionsCollection([
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
				'Comma-separated URLs that should always be up. When one fails, the monitoring itself is reported instead of each equipment.',
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
			displayName: 'Monitoring Equipment Name',
			name: 'monitoringEquipment',
			type: 'string',
			default: 'Monitoring',
			description: 'Name used in the request opened for the monitoring itself (canary guard)',
		},
		...notificationOptions,
		storeOption,
		timeZoneOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { operation: ['reportFailures'] } },
	properties,
);
