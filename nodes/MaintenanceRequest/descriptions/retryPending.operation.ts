import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import {
	notificationAuthentication,
	notificationOptions,
	optionsCollection,
	priorityField,
	storeOption,
	timeZoneOption,
} from './common';

const properties: INodeProperties[] = [
	priorityField,
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'Empty: every queued notification',
		description:
			'Queued notifications to this URL are sent. Empty: every queued notification (only without authentication, so credentials never go to another endpoint).',
	},
	notificationAuthentication,
	optionsCollection([...notificationOptions, storeOption, timeZoneOption]),
];

export const description = updateDisplayOptions(
	{ show: { operation: ['retryPending'] } },
	properties,
);
