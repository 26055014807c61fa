import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import {
	durationField,
	durationFromOdooOption,
	equipmentFields,
	localStoreOptions,
	optionsCollection,
	reasonField,
	storeOption,
	timeZoneField,
} from './fields';

/** Operations on one equipment: each item names the equipment it acts on. */
export const equipmentOperation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['equipment'] } },
	options: [
		{
			name: 'Activate',
			value: 'activate',
			action: 'Activate maintenance mode',
			description: 'Suspend monitoring of an equipment for some hours (activating again extends)',
		},
		{
			name: 'Deactivate',
			value: 'deactivate',
			action: 'Deactivate maintenance mode',
			description: 'End the maintenance of an equipment now',
		},
		{
			name: 'Get Status',
			value: 'getStatus',
			action: 'Get the maintenance status of an equipment',
			description: 'Whether an equipment is in maintenance, and until when',
		},
		{
			name: 'Schedule Window',
			value: 'scheduleWindow',
			action: 'Schedule a maintenance window',
			description: 'Plan a future or weekly recurring window',
		},
	],
	default: 'activate',
};

const on = (operation: string) => ({ show: { resource: ['equipment'], operation: [operation] } });

const activate = updateDisplayOptions(on('activate'), [
	...equipmentFields,
	durationField,
	reasonField,
	optionsCollection([storeOption], { show: { backend: ['local'] } }),
	optionsCollection([durationFromOdooOption], { show: { backend: ['odoo'] } }),
]);

const deactivate = updateDisplayOptions(on('deactivate'), [...equipmentFields, localStoreOptions]);

const getStatus = updateDisplayOptions(on('getStatus'), [...equipmentFields, localStoreOptions]);

const scheduleWindow = updateDisplayOptions(on('scheduleWindow'), [
	...equipmentFields,
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'When the window starts, in the time zone below. For weekly windows its time of day is used every week.',
	},
	{
		displayName: 'Duration (Hours)',
		name: 'scheduleDurationHours',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 2,
	},
	timeZoneField,
	{
		displayName: 'Repeat on Weekdays',
		name: 'weekdays',
		type: 'multiOptions',
		options: [
			{ name: 'Monday', value: 1 },
			{ name: 'Tuesday', value: 2 },
			{ name: 'Wednesday', value: 3 },
			{ name: 'Thursday', value: 4 },
			{ name: 'Friday', value: 5 },
			{ name: 'Saturday', value: 6 },
			{ name: 'Sunday', value: 7 },
		],
		default: [],
		description:
			'Empty for a one-off window; otherwise the window repeats every week on these days',
		displayOptions: { show: { backend: ['local'] } },
	},
	{
		displayName: 'Repeat Until',
		name: 'until',
		type: 'dateTime',
		default: '',
		description: 'The last time a weekly window may start. Empty: no end.',
		displayOptions: { show: { backend: ['local'] } },
	},
	reasonField,
	localStoreOptions,
]);

export const equipmentProperties: INodeProperties[] = [
	...activate,
	...deactivate,
	...getStatus,
	...scheduleWindow,
];
