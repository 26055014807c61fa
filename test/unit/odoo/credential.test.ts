import { OdooMaintenanceApi } from '../../../credentials/OdooMaintenanceApi.credentials';

describe('Odoo Maintenance API credential', () => {
	it('says when JSON-RPC goes away as the Odoo 19 server logs it (scheduled for removal in Odoo 20)', () => {
		const api = new OdooMaintenanceApi().properties.find((property) => property.name === 'api');
		const jsonRpc = api?.options?.find((option) => 'value' in option && option.value === 'jsonrpc');
		expect(jsonRpc && 'description' in jsonRpc ? jsonRpc.description : undefined).toBe(
			'Odoo 14 to 19, with a password or an API key. Deprecated since Odoo 19, scheduled for removal in Odoo 20 (as the server logs).',
		);
	});
});
