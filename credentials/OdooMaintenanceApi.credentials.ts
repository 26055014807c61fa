import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Connection to an Odoo database, for every Odoo call of this package. Odoo answers a wrong login
 * with `false` instead of an error, so the nodes test it themselves
 * (`testedBy: 'odooMaintenanceApiTest'`, see nodes/shared/odoo/credentialTest.ts).
 */
export class OdooMaintenanceApi implements ICredentialType {
	name = 'odooMaintenanceApi';

	displayName = 'Odoo Maintenance API';

	icon = {
		light: 'file:../nodes/shared/odoo.svg',
		dark: 'file:../nodes/shared/odoo.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-odoo-maintenance/n8n-nodes-odoo-maintenance/blob/main/docs/credentials/odoo-maintenance-api.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Site URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://mycompany.odoo.com',
		},
		{
			displayName: 'Database',
			name: 'db',
			type: 'string',
			default: '',
			hint: 'Optional: defaults to the first label of the host name (mycompany for https://mycompany.odoo.com), like n8n’s Odoo node',
		},
		{
			displayName: 'Login',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'admin@example.com',
		},
		{
			displayName: 'Password or API Key',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An API key is recommended (Odoo: Preferences > Account Security > New API Key); it is required for JSON-2',
		},
		{
			displayName: 'API',
			name: 'api',
			type: 'options',
			default: 'auto',
			options: [
				{
					name: 'Auto',
					value: 'auto',
					description:
						'JSON-2 on Odoo 19+ when the secret is an API key, JSON-RPC otherwise (recommended)',
				},
				{
					name: 'JSON-RPC',
					value: 'jsonrpc',
					description:
						'Odoo 14 to 19, with a password or an API key. Deprecated since Odoo 19, scheduled for removal in Odoo 20 (as the server logs).',
				},
				{
					name: 'JSON-2',
					value: 'json2',
					description: 'Odoo 19 and later, with an API key only',
				},
			],
		},
	];
}
