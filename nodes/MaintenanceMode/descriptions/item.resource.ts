import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { localStoreOptions } from './fields';

/** Routing the input items (e.g. services to check) by their equipment's maintenance status. */
export const itemOperation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['item'] } },
	options: [
		{
			name: 'Filter Items',
			value: 'filterItems',
			action: 'Filter items by maintenance mode',
			description: 'Route items to "Not in maintenance" or "In maintenance"',
		},
	],
	default: 'filterItems',
};

export const itemProperties: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['item'], operation: ['filterItems'] } },
	[
		{
			displayName: 'Equipment',
			name: 'equipment',
			type: 'string',
			default: '={{ $json.equipment }}',
			description:
				'The equipment of each item (name, or Odoo ID). Items without one are not in maintenance.',
		},
		localStoreOptions,
	],
);
