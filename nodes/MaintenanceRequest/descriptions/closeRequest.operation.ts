import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { optionsCollection, storeOption } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'number',
		default: 0,
		required: true,
		description: 'The ID of the request (Local: as List Requests shows it; Odoo: the record ID)',
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Why it is closed: posted as a note in Odoo, added to the description in Local',
	},
	optionsCollection([storeOption]),
];

export const description = updateDisplayOptions(
	{ show: { operation: ['closeRequest'] } },
	properties,
);
