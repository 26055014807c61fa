import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { optionsCollection, storeOption } from './common';

const properties: INodeProperties[] = [
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
	},
	{
		displayName: 'Equipment Filter',
		name: 'listEquipment',
		type: 'string',
		default: '',
		description:
			'Only the requests of this equipment (name, or Odoo ID); empty for every equipment',
	},
	{
		displayName: 'Created Since',
		name: 'since',
		type: 'string',
		default: '',
		placeholder: '2026-11-01',
		description:
			'Only requests created from this date (UTC) or date-time with its offset; empty for any date',
	},
	optionsCollection([storeOption]),
];

export const description = updateDisplayOptions(
	{ show: { operation: ['listRequests'] } },
	properties,
);
