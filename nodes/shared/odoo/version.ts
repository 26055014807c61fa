import type { Send } from '../n8n/send';
import { createOdooError, OdooError } from './errors';
import { parseJson, sendHttp, type HttpResponse } from './http';
import { JsonRpcTransport } from './jsonRpc';
import type { OdooConnection, OdooServerVersion, OdooValue } from './types';

/**
 * Asks the server its version without authenticating: `GET /web/version` (recent Odoo), else the
 * JSON-RPC `common.version` that every supported version answers.
 */
export async function fetchServerVersion(
	connection: OdooConnection,
	send: Send,
): Promise<OdooServerVersion> {
	const { url, secret, timeoutMs } = connection;
	const web = await sendHttp(send, { method: 'GET', url: `${url}/web/version`, timeoutMs, secret });
	const fromWeb = versionFromWeb(web);
	if (fromWeb) return fromWeb;
	try {
		const result = await new JsonRpcTransport(connection, send).call('common', 'version', []);
		const fromRpc = versionFromRpc(result);
		if (fromRpc) return fromRpc;
	} catch (error) {
		if (error instanceof OdooError && (error.kind === 'network' || error.kind === 'timeout')) {
			throw error;
		}
	}
	const redirect =
		web.status >= 300 && web.status < 400 && web.location
			? ` (redirected to ${web.location}: use the final address as the Site URL)`
			: '';
	throw createOdooError(
		{
			kind: 'protocol',
			message: `${url} does not look like an Odoo server: GET /web/version answered HTTP ${web.status}${redirect} and POST /jsonrpc gave no Odoo version`,
			httpStatus: web.status,
		},
		secret,
	);
}

function versionFromWeb(response: HttpResponse): OdooServerVersion | undefined {
	if (response.status !== 200) return undefined;
	const parsed = parseJson(response.text);
	if (!parsed.ok) return undefined;
	const body = parsed.value as { version?: unknown; version_info?: unknown } | null;
	return makeVersion(body?.version, body?.version_info);
}

function versionFromRpc(result: unknown): OdooServerVersion | undefined {
	const body = result as { server_version?: unknown; server_version_info?: unknown } | null;
	return makeVersion(body?.server_version, body?.server_version_info);
}

function makeVersion(version: unknown, info: unknown): OdooServerVersion | undefined {
	if (typeof version !== 'string' || !Array.isArray(info)) return undefined;
	const major = typeof info[0] === 'number' ? info[0] : parseMajor(version);
	if (major === undefined) return undefined;
	return { version, versionInfo: info as OdooValue[], major };
}

/** `19.0` -> 19, `saas~18.4` -> 18 */
function parseMajor(version: string): number | undefined {
	const match = /(\d+)\.\d+/.exec(version);
	return match ? Number(match[1]) : undefined;
}
