import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { InvalidParameterError } from '../errors';
import { UnknownEquipmentError } from '../odoo/equipment';
import { OdooError } from '../odoo/errors';
import { isStoreError } from '../store/stateStore';

/**
 * Turns the plain modules' errors into what n8n shows: Odoo failures as NodeApiError with Odoo's own
 * message, configuration problems as NodeOperationError naming the parameter, file or record.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
	/** Appended to the description (n8n may replace the message, e.g. for ECONNREFUSED, never this). */
	outcome?: string,
): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof OdooError) {
		return new NodeApiError(
			node,
			{
				message: error.message,
				name: error.odooName ?? error.kind,
				kind: error.kind,
			} as JsonObject,
			{
				message: error.message,
				description: [describeOdooError(error), outcome].filter(Boolean).join(' '),
				httpCode: error.httpStatus ? String(error.httpStatus) : undefined,
				itemIndex,
			},
		);
	}
	if (error instanceof InvalidParameterError) {
		return new NodeOperationError(node, error.message, { itemIndex });
	}
	if (error instanceof UnknownEquipmentError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: 'Check the equipment name or ID; the node never creates equipment.',
		});
	}
	if (isStoreError(error)) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: `State store: ${error.storePath}. Set the "State Store" option or N8N_ODOO_MAINTENANCE_STORE to use another store.`,
		});
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

function describeOdooError(error: OdooError): string {
	switch (error.kind) {
		case 'auth':
			return 'Odoo refused the login: check the login, the password or API key, and the database of the Odoo credential.';
		case 'access':
			return 'The Odoo user of the credential lacks this access right: grant it in Odoo, or use a user that has it.';
		case 'network':
		case 'timeout':
			return 'Odoo could not be reached: check the URL of the Odoo credential and that the server is up.';
		default:
			return `Odoo error${error.odooName ? ` (${error.odooName})` : ''}`;
	}
}
