import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { credentialTestSend, type Send } from '../n8n/send';
import { createOdooClient } from './client';
import { connectionFromCredentials } from './connection';
import { OdooError, redactSecret } from './errors';
import type { OdooConnection, OdooProtocol, OdooServerVersion } from './types';

export { connectionFromCredentials } from './connection';

const TEST_TIMEOUT_MS = 15_000;

const PROTOCOL_NAMES: Record<OdooProtocol, string> = { jsonrpc: 'JSON-RPC', json2: 'JSON-2' };

/**
 * Checks a connection end to end and says precisely what failed: the URL, the network, the server
 * (is it Odoo?), the database, or the login and secret. On success it names the protocol in use.
 */
export async function testOdooConnection(
	connection: OdooConnection,
	send: Send,
): Promise<INodeCredentialTestResult> {
	const problem = checkFields(connection);
	if (problem) return fail(problem);
	const client = createOdooClient(
		{ ...connection, retries: 0, timeoutMs: connection.timeoutMs ?? TEST_TIMEOUT_MS },
		send,
	);

	let version: OdooServerVersion;
	try {
		version = await client.version();
	} catch (error) {
		return fail(describe(error, connection), connection.secret);
	}

	try {
		const uid = await client.login();
		const protocol = await client.protocol();
		const deprecation =
			protocol === 'jsonrpc' && version.major >= 19
				? '. JSON-RPC is deprecated since Odoo 19: use an API key to connect over JSON-2'
				: '';
		return {
			status: 'OK',
			message: `Connected to Odoo ${version.version} as uid ${uid} over ${PROTOCOL_NAMES[protocol]}${deprecation}`,
		};
	} catch (error) {
		return fail(describeLoginFailure(error, connection, version), connection.secret);
	}
}

/** Registered by the nodes as `methods.credentialTest.odooMaintenanceApiTest`. */
export async function odooMaintenanceApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return testOdooConnection(
		connectionFromCredentials(credential.data),
		credentialTestSend(this.helpers),
	);
}

function checkFields(connection: OdooConnection): string | undefined {
	if (!connection.url) return 'The Site URL is empty';
	let parsed: URL;
	try {
		parsed = new URL(connection.url);
	} catch {
		return `The Site URL "${connection.url}" is not a valid URL (expected e.g. https://mycompany.odoo.com)`;
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return `The Site URL must start with http:// or https:// (got ${parsed.protocol}//)`;
	}
	if (!connection.username) return 'The Login is empty';
	if (!connection.secret) return 'The Password or API Key is empty';
	if (!connection.db) return 'The Database is empty and cannot be guessed from the Site URL';
	return undefined;
}

function describe(error: unknown, connection: OdooConnection): string {
	if (!(error instanceof OdooError)) return String(error);
	switch (error.kind) {
		case 'network':
		case 'timeout':
			return `Odoo is unreachable. ${error.message}`;
		case 'protocol':
		case 'notFound':
			return `${connection.url} does not answer like an Odoo server. ${error.message}`;
		default:
			return error.message;
	}
}

function describeLoginFailure(
	error: unknown,
	connection: OdooConnection,
	version: OdooServerVersion,
): string {
	if (!(error instanceof OdooError)) return String(error);
	const json2 = connection.api === 'json2';
	if (json2 && version.major < 19) {
		return `JSON-2 needs Odoo 19 or later, and ${connection.url} runs Odoo ${version.version}: choose Auto or JSON-RPC`;
	}
	if (json2 && error.kind === 'auth') {
		return `Odoo rejected the API key (${error.message}). JSON-2 needs an API key (Odoo: Preferences > Account Security > New API Key), not a password; or choose Auto or JSON-RPC`;
	}
	if (json2 && error.kind === 'notFound') {
		return `Odoo answered 404 over JSON-2: check the Database ("${connection.db}"). ${error.message}`;
	}
	if (error.kind === 'notFound' && error.odooName === 'psycopg2.OperationalError') {
		return `Database "${connection.db}" does not exist on ${connection.url}: check the Database field`;
	}
	return describe(error, connection);
}

function fail(message: string, secret = ''): INodeCredentialTestResult {
	return { status: 'Error', message: redactSecret(message, secret) };
}
