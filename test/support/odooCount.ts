import type { OdooClient } from '../../nodes/shared/odoo/client';
import type { OdooDomain } from '../../nodes/shared/odoo/types';

/** Odoo's `search_count` through the client's generic call: a cheap read for protocol tests. */
export function searchCount(
	client: OdooClient,
	model: string,
	domain: OdooDomain,
): Promise<number> {
	return client.call<number>(model, 'search_count', { kwargs: { domain } });
}
