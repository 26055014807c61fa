import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { createOdooClient, type OdooClient } from '../odoo/client';
import { connectionFromCredentials } from '../odoo/credentialTest';
import { httpRequestSend } from './send';

export const ODOO_CREDENTIAL = 'odooMaintenanceApi';

/** An Odoo client built from the node's Odoo credential. */
export async function odooClientFor(
	this: IExecuteFunctions | IWebhookFunctions,
	itemIndex = 0,
): Promise<OdooClient> {
	const credentials =
		'getInputData' in this
			? await (this as IExecuteFunctions).getCredentials(ODOO_CREDENTIAL, itemIndex)
			: await this.getCredentials(ODOO_CREDENTIAL);
	return createOdooClient(connectionFromCredentials(credentials), httpRequestSend(this.helpers));
}
