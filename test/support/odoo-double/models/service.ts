import type { ModelDef } from '../schema';
import { boolean, char, many2one } from './fields';

/**
 * The models of Elabore's Odoo module maintenance_server_data, as a real Odoo 19 server describes
 * them (fields_get in test/fixtures/odoo19-transcripts-2.json): no `name` and no `active` on
 * service.instance, whose display name is therefore "service.instance,<id>". Employees read them,
 * Equipment Managers manage them.
 */
export const service: ModelDef = {
	name: 'service',
	description: 'Service',
	order: 'id',
	readGroups: ['user'],
	groups: ['equipment_manager'],
	fields: {
		name: char('Name', { required: true }),
	},
};

export const serviceVersion: ModelDef = {
	name: 'service.version',
	description: 'Service Version',
	order: 'id',
	readGroups: ['user'],
	groups: ['equipment_manager'],
	fields: {
		service_id: many2one('service', 'Service', { required: true }),
		name: char('Name'),
		is_last_version: boolean('Is Last Version?'),
	},
};

export const serviceInstance: ModelDef = {
	name: 'service.instance',
	description: 'Service Instance',
	order: 'id',
	readGroups: ['user'],
	groups: ['equipment_manager'],
	fields: {
		equipment_id: many2one('maintenance.equipment', 'Equipment'),
		service_id: many2one('service', 'Service', { required: true }),
		version_id: many2one('service.version', 'Version'),
		service_url: char('Service Url'),
	},
};
