import type { Send } from '../n8n/send';
import { createOdooError, errorFromOdooException } from './errors';
import { parseJson, sendHttp, unexpectedResponseError } from './http';
import { definedOnly, expectNumber, OdooProtocolClient, type MethodCall } from './protocol';
import type { CallOptions, OdooConnection, OdooValue } from './types';

/** `POST <url>/json/2/<model>/<method>`: Odoo 19's external API, named arguments, API key as bearer. */
export class Json2Transport {
	constructor(
		private readonly connection: OdooConnection,
		private readonly send: Send,
	) {}

	async call(model: string, method: string, params: Record<string, OdooValue>): Promise<unknown> {
		const { secret, db } = this.connection;
		const path = `/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`;
		const headers: Record<string, string> = {
			Authorization: `bearer ${secret}`,
			'Content-Type': 'application/json',
			Accept: 'application/json',
		};
		if (db) headers['X-Odoo-Database'] = db;
		const response = await sendHttp(this.send, {
			method: 'POST',
			url: `${this.connection.url}${path}`,
			headers,
			body: JSON.stringify(params),
			timeoutMs: this.connection.timeoutMs,
			secret,
		});
		const parsed = parseJson(response.text);
		if (response.status === 200 && parsed.ok) return parsed.value;
		const body = parsed.ok ? parsed.value : undefined;
		if (typeof body === 'object' && body !== null && 'name' in body) {
			throw errorFromOdooException(body, {
				secret,
				db,
				httpStatus: response.status,
				fallbackMessage: `HTTP ${response.status}`,
			});
		}
		throw unexpectedResponseError(response, `POST ${path}`, secret);
	}
}

/** JSON-2 names of the positional arguments the shared operations send (protocol.ts). */
const NAMED_ARGS: Record<string, (args: OdooValue[]) => Record<string, OdooValue>> = {
	search_read: ([domain]) => ({ domain }),
	write: ([vals]) => ({ vals }),
	create: ([vals]) => ({ vals_list: [vals] }),
};

export class Json2Protocol extends OdooProtocolClient {
	readonly protocol = 'json2' as const;
	private readonly transport: Json2Transport;

	constructor(connection: OdooConnection, send: Send) {
		super(connection);
		this.transport = new Json2Transport(connection, send);
	}

	/** JSON-2 is stateless: this checks the API key with a cheap call that also tells the uid. */
	protected async authenticate(): Promise<number> {
		// res.users.context_get() runs for any user and returns {lang, tz, uid}.
		const result = await this.transport.call('res.users', 'context_get', {});
		const uid = (result as { uid?: unknown } | null)?.uid;
		return expectNumber(uid, 'res.users.context_get', this.connection.secret);
	}

	async call(model: string, method: string, options: CallOptions): Promise<unknown> {
		if (options.args && options.args.length > 0) {
			throw createOdooError(
				{
					kind: 'protocol',
					message: `JSON-2 takes named arguments only: call ${model}.${method} with kwargs instead of args`,
				},
				this.connection.secret,
			);
		}
		return super.call(model, method, options);
	}

	protected execute(model: string, method: string, call: MethodCall): Promise<unknown> {
		const { ids, args, kwargs } = call;
		const named = args.length > 0 ? NAMED_ARGS[method](args) : {};
		const params = definedOnly({ ...named, ...kwargs });
		if (ids) params.ids = ids;
		return this.transport.call(model, method, params);
	}
}
