import type { INodeProperties } from 'n8n-workflow';

import { storePathOption } from '../../shared/n8n/descriptions';
import { timeZoneOptions } from '../../shared/n8n/timeZones';

export const DEFAULT_DURATION_HOURS = 4;

export const durationField: INodeProperties = {
	displayName: 'Duration (Hours)',
	name: 'durationHours',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: 0,
	hint: `0 or empty: the default, ${DEFAULT_DURATION_HOURS} hours (with the Odoo backend: the module's maintenance_mode_duration, when set)`,
	description: 'How long maintenance lasts. A duration given here always wins.',
};

export const durationFromOdooOption: INodeProperties = {
	displayName: 'Default Duration From Odoo',
	name: 'durationFromOdoo',
	type: 'boolean',
	default: true,
	description: `Whether a duration of 0 takes the Odoo system parameter maintenance_service_http_monitoring.maintenance_mode_duration (when set and readable) instead of ${DEFAULT_DURATION_HOURS} hours`,
};

export const storeOption = storePathOption('the maintenance windows of the Local backend');

/** The equipment an operation acts on: by name with the Local backend; from a list, by name or by ID in Odoo. */
export const equipmentFields: INodeProperties[] = [
	{
		displayName: 'Equipment',
		name: 'equipment',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'srv-web-01',
		description: 'Equipment name',
		displayOptions: { show: { backend: ['local'] } },
	},
	{
		displayName: 'Equipment',
		name: 'equipment',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The maintenance.equipment record in Odoo',
		displayOptions: { show: { backend: ['odoo'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchEquipment', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'srv-web-01',
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '42',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\d+$', errorMessage: 'An Odoo ID is a whole number' },
					},
				],
			},
		],
	},
];

export const reasonField: INodeProperties = {
	displayName: 'Reason',
	name: 'reason',
	type: 'string',
	default: '',
	placeholder: 'Kernel upgrade',
};

export const timeZoneField: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'options',
	options: timeZoneOptions,
	default: '',
	description: 'Time zone of Start and Repeat Until',
};

export function optionsCollection(
	options: INodeProperties[],
	show?: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		...(show ? { displayOptions: show } : {}),
		options,
	};
}

/** The store path option, for the Local backend only. */
export const localStoreOptions = optionsCollection([storeOption], { show: { backend: ['local'] } });
