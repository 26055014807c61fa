import type { Send } from '../n8n/send';
import { createOdooError, errorFromOdooException } from './errors';
import { parseJson, sendHttp, unexpectedResponseError } from './http';
import { definedOnly, expectNumber, OdooProtocolClient, type MethodCall } from './protocol';
import type { OdooConnection, OdooValue } from './types';

/** `POST <url>/jsonrpc`: Odoo's classic external API (services `common` and `object`). */
export class JsonRpcTransport {
	private nextId = 1;

	constructor(
		private readonly connection: OdooConnection,
		private readonly send: Send,
	) {}

	async call(service: string, method: string, args: OdooValue[]): Promise<unknown> {
		const { secret } = this.connection;
		const id = this.nextId++;
		const where = `POST /jsonrpc (${service}.${method})`;
		const response = await sendHttp(this.send, {
			method: 'POST',
			url: `${this.connection.url}/jsonrpc`,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify({
				jsonrpc: '2.0',
				method: 'call',
				params: { service, method, args },
				id,
			}),
			timeoutMs: this.connection.timeoutMs,
			secret,
		});
		const parsed = parseJson(response.text);
		if (response.status !== 200 || !parsed.ok || !isObject(parsed.value)) {
			throw unexpectedResponseError(response, where, secret);
		}
		const envelope = parsed.value;
		if (isObject(envelope.error)) {
			const error = envelope.error;
			if (error.code === 100) {
				throw createOdooError(
					{
						kind: 'auth',
						message: 'Odoo Session Expired',
						odooName: 'odoo.http.SessionExpiredException',
					},
					secret,
				);
			}
			const data = isObject(error.data) ? error.data : {};
			throw errorFromOdooException(data, {
				secret,
				db: this.connection.db,
				fallbackMessage: typeof error.message === 'string' ? error.message : 'Odoo Server Error',
			});
		}
		// A Python method that returns None gives an envelope without `result`.
		return 'result' in envelope ? envelope.result : null;
	}
}

export class JsonRpcProtocol extends OdooProtocolClient {
	readonly protocol = 'jsonrpc' as const;
	private readonly transport: JsonRpcTransport;

	constructor(connection: OdooConnection, send: Send) {
		super(connection);
		this.transport = new JsonRpcTransport(connection, send);
	}

	protected async authenticate(): Promise<number> {
		const { db, username, secret } = this.connection;
		const uid = await this.transport.call('common', 'login', [db, username, secret]);
		if (uid === false || uid === null) {
			throw createOdooError(
				{
					kind: 'auth',
					message: `Wrong login or password/API key for database "${db}" (login "${username}")`,
				},
				secret,
			);
		}
		return expectNumber(uid, 'common.login', secret);
	}

	protected async execute(model: string, method: string, call: MethodCall): Promise<unknown> {
		const uid = await this.login();
		const named = definedOnly(call.kwargs);
		const { db, secret } = this.connection;
		const positional = call.ids ? [call.ids, ...call.args] : call.args;
		const params: OdooValue[] = [db, uid, secret, model, method, positional];
		if (Object.keys(named).length > 0) params.push(named);
		return this.transport.call('object', 'execute_kw', params);
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
