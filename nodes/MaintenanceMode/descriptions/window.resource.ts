import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { localStoreOptions } from './fields';

/** Operations over every maintenance window at once: one output item per window. */
export const windowOperation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['window'] } },
	options: [
		{
			name: 'End Expired',
			value: 'endExpired',
			action: 'End expired maintenance windows',
			description: 'End windows whose end has passed; one item per ended window',
		},
		{
			name: 'List Active',
			value: 'listActive',
			action: 'List equipment in maintenance',
			description: 'One item per equipment in maintenance now',
		},
	],
	default: 'listActive',
};

export const windowProperties: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['window'] } },
	[localStoreOptions],
);
