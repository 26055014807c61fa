import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A header name and a secret token that calls to a trigger must carry. A credential, not a node
 * parameter, so that n8n stores the token encrypted and it never appears in the workflow or in
 * execution data. Tested by the triggers (`testedBy: 'odooMaintenanceHeaderAuthTest'`).
 */
export class OdooMaintenanceHeaderAuthApi implements ICredentialType {
	name = 'odooMaintenanceHeaderAuthApi';

	displayName = 'Odoo Maintenance Header Auth API';

	icon = {
		light: 'file:../icons/basic-auth.svg',
		dark: 'file:../icons/basic-auth.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-odoo-maintenance/n8n-nodes-odoo-maintenance/blob/main/docs/credentials/odoo-maintenance-header-auth-api.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Webhook-Token',
			required: true,
		},
		{
			displayName: 'Header Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The exact value the header must carry: at least 16 characters, compared in constant time',
		},
	];
}
