import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createOdooClient } from '../../shared/odoo/client';
import { connectionFromCredentials } from '../../shared/odoo/credentialTest';
import { httpRequestSend } from '../../shared/n8n/send';

const PAGE = 100;

/** The maintenance.equipment records of the Odoo credential, for the Equipment list; `filter` matches names. */
export async function searchEquipment(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = createOdooClient(
		connectionFromCredentials(
			(await this.getCredentials('odooMaintenanceApi')) as Record<string, unknown>,
		),
		httpRequestSend(this.helpers),
	);
	const offset = Number(paginationToken ?? 0) || 0;
	const records = await client.searchRead(
		'maintenance.equipment',
		filter ? [['name', 'ilike', filter]] : [],
		{ fields: ['name'], order: 'name', limit: PAGE, offset },
	);
	return {
		results: records.map((record) => ({ name: String(record.name), value: String(record.id) })),
		paginationToken: records.length === PAGE ? String(offset + PAGE) : undefined,
	};
}
