import type { ModelDef } from '../schema';
import { boolean, char, many2one } from './fields';

/**
 * `service.instance` of the Odoo module maintenance_server_data: one monitored service (a URL)
 * of an equipment. Not in the transcripts: modelled on Odoo's conventions.
 */
export const serviceInstance: ModelDef = {
	name: 'service.instance',
	description: 'Service Instance',
	order: 'name, id',
	fields: {
		name: char('Name', { required: true }),
		service_url: char('Service URL'),
		equipment_id: many2one('maintenance.equipment', 'Equipment'),
		active: boolean('Active', { default: () => true }),
	},
};
