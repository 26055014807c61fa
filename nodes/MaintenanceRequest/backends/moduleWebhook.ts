import type { OdooClient } from '../../shared/odoo/client';
import { OdooError } from '../../shared/odoo/errors';

const PREFIX = 'maintenance_service_http_monitoring';

/** The webhook the Odoo module maintenance_service_http_monitoring is configured to notify. */
export interface ModuleWebhook {
	url: string;
	auth: { user: string; password: string } | null;
}

/**
 * Reads the module's system parameters webhook_url, webhook_user and webhook_password. Null when no URL is set or
 * the credential's user may not read system parameters (only settings admins may, as Odoo answers).
 */
export async function readModuleWebhook(client: OdooClient): Promise<ModuleWebhook | null> {
	const read = async (name: string): Promise<string> => {
		const value = await client.call('ir.config_parameter', 'get_param', {
			kwargs: { key: `${PREFIX}.${name}` },
		});
		return typeof value === 'string' ? value.trim() : '';
	};
	try {
		const url = await read('webhook_url');
		if (!url) return null;
		const user = await read('webhook_user');
		return { url, auth: user ? { user, password: await read('webhook_password') } : null };
	} catch (error) {
		if (error instanceof OdooError && error.kind === 'access') return null;
		throw error;
	}
}
