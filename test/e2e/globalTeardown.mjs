import { stopN8n } from '../../scripts/lib/n8n.mjs';

export default async function globalTeardown() {
	const info = globalThis.__ODOO_MAINT_E2E__;
	if (info) await stopN8n(info.pid);
}
