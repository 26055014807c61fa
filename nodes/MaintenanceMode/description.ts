import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { labelSubtitle } from '../shared/n8n/descriptions';
import { equipmentOperation, equipmentProperties } from './descriptions/equipment.resource';
import { itemOperation, itemProperties } from './descriptions/item.resource';
import { v1Properties } from './descriptions/v1';
import { windowOperation, windowProperties } from './descriptions/window.resource';

const backend: INodeProperties = {
	displayName: 'Backend',
	name: 'backend',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Local',
			value: 'local',
			description: 'Windows are kept in the embedded state store of this n8n (no Odoo needed)',
		},
		{
			name: 'Odoo',
			value: 'odoo',
			description:
				'Windows are preventive maintenance requests "[Maintenance mode] &lt;equipment&gt;" in Odoo',
		},
	],
	default: 'local',
};

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Equipment', value: 'equipment', description: 'One equipment: activate, deactivate, status, schedule' },
		{ name: 'Input Item', value: 'item', description: 'Route the input items by their equipment' },
		{ name: 'Maintenance Window', value: 'window', description: 'Every window at once: list, end expired' },
	],
	default: 'equipment',
};

/** Version 2: resource and operation, each operation's fields in its resource file. */
const v2Properties = updateDisplayOptions({ show: { '@version': [2] } }, [
	resource,
	equipmentOperation,
	windowOperation,
	itemOperation,
	...equipmentProperties,
	...windowProperties,
	...itemProperties,
]);

export const maintenanceModeProperties: INodeProperties[] = [backend, ...v1Properties, ...v2Properties];

export const subtitle = labelSubtitle(maintenanceModeProperties, ['operation', 'backend']);
