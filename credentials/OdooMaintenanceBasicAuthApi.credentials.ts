import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * User and password for HTTP Basic Auth. Used three ways in this package: to check services behind Basic
 * Auth, to authenticate outgoing webhook notifications, and to protect the inbound triggers.
 * Tested by the nodes (`testedBy: 'odooMaintenanceBasicAuthTest'`): with a test URL it logs in there,
 * without one it checks that the pair is usable.
 */
export class OdooMaintenanceBasicAuthApi implements ICredentialType {
	name = 'odooMaintenanceBasicAuthApi';

	displayName = 'Odoo Maintenance Basic Auth API';

	icon = { light: 'file:../icons/basic-auth.svg', dark: 'file:../icons/basic-auth.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-odoo-maintenance/n8n-nodes-odoo-maintenance/blob/main/docs/credentials/odoo-maintenance-basic-auth-api.md';

	properties: INodeProperties[] = [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Test URL',
			name: 'testUrl',
			type: 'string',
			default: '',
			placeholder: 'https://status.example.com/health',
			description:
				'Optional. A URL protected by these credentials: the credential test logs in there and fails on 401 or 403. Leave empty for credentials that protect an n8n trigger.',
		},
	];
}
