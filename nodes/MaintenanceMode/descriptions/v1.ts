import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { storePathOption } from '../../shared/n8n/descriptions';
import { durationField, durationFromOdooOption } from './fields';

const equipmentOperations = ['activate', 'deactivate', 'getStatus', 'scheduleWindow'];

/** Version 1: one list of seven operations, no resource (kept for saved workflows). */
const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
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
				name: 'End Expired',
				value: 'endExpired',
				action: 'End expired maintenance windows',
				description: 'End windows whose end has passed; one item per ended window',
			},
			{
				name: 'Filter Items',
				value: 'filterItems',
				action: 'Filter items by maintenance mode',
				description: 'Route items to "Not in maintenance" or "In maintenance"',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the maintenance status of an equipment',
				description: 'Whether an equipment is in maintenance, and until when',
			},
			{
				name: 'List Active',
				value: 'listActive',
				action: 'List equipment in maintenance',
				description: 'One item per equipment in maintenance now',
			},
			{
				name: 'Schedule Window',
				value: 'scheduleWindow',
				action: 'Schedule a maintenance window',
				description: 'Plan a future or weekly recurring window',
			},
		],
		default: 'activate',
	},
	{
		displayName: 'Equipment',
		name: 'equipment',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'srv-web-01',
		description: 'Equipment name, or its Odoo ID',
		displayOptions: { show: { operation: equipmentOperations } },
	},
	{
		displayName: 'Equipment',
		name: 'equipment',
		type: 'string',
		default: '={{ $json.equipment }}',
		description:
			'The equipment of each item (name or Odoo ID). Items without one are not in maintenance.',
		displayOptions: { show: { operation: ['filterItems'] } },
	},
	{ ...durationField, displayOptions: { show: { operation: ['activate'] } } },
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'Kernel upgrade',
		displayOptions: { show: { operation: ['activate', 'scheduleWindow'] } },
	},
	{
		displayName: 'Start',
		name: 'start',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2026-12-06 02:00',
		description:
			'Local date and time in the time zone below (YYYY-MM-DD HH:mm), or an ISO 8601 instant with offset. For weekly windows its time of day is used every week.',
		displayOptions: { show: { operation: ['scheduleWindow'] } },
	},
	{
		displayName: 'Duration (Hours)',
		name: 'scheduleDurationHours',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 2,
		displayOptions: { show: { operation: ['scheduleWindow'] } },
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'Europe/Paris',
		description: "IANA time zone of the start time. Empty: the workflow's time zone.",
		displayOptions: { show: { operation: ['scheduleWindow'] } },
	},
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
		displayOptions: { show: { operation: ['scheduleWindow'], backend: ['local'] } },
	},
	{
		displayName: 'Repeat Until',
		name: 'until',
		type: 'string',
		default: '',
		placeholder: '2027-06-30',
		description: 'Last day (or date and time) a weekly window may start. Empty: no end.',
		displayOptions: { show: { operation: ['scheduleWindow'], backend: ['local'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			storePathOption('the maintenance windows of the Local backend'),
			{
				...durationFromOdooOption,
				displayOptions: { show: { '/backend': ['odoo'], '/operation': ['activate'] } },
			},
		],
	},
];

export const v1Properties = updateDisplayOptions({ show: { '@version': [1] } }, properties);
