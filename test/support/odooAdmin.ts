/** The Odoo double's admin, as tests reach it: a client to seed and read Odoo, a node credential. */
import { createOdooClient, type OdooClient } from '../../nodes/shared/odoo/client';
import { fetchSend } from './fetchSend';
import type { OdooDouble } from './odoo-double';

/** The admin over JSON-2 with an API key, without retries. */
export function adminClient(odoo: OdooDouble): OdooClient {
	return createOdooClient(
		{
			url: odoo.url,
			db: odoo.db,
			username: 'admin',
			secret: odoo.admin.apiKey,
			api: 'json2',
			retries: 0,
		},
		fetchSend,
	);
}

/** The admin as the data of an Odoo Maintenance credential (odooMaintenanceApi). */
export function adminCredential(odoo: OdooDouble, api = 'json2') {
	return { url: odoo.url, db: odoo.db, username: 'admin', password: odoo.admin.apiKey, api };
}
