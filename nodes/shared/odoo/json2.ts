import {
	definedOnly,
	expectBoolean,
	expectNumber,
	expectRecords,
	type OdooProtocolClient,
} from './protocol';
import { createOdooError, errorFromOdooException } from './errors';
import { parseJson, sendHttp, unexpectedResponseError } from './http';
import type {
	CallOptions,
	OdooConnection,
	OdooContext,
	OdooDomain,
	OdooRecord,
	OdooVals,
	OdooValue,
	SearchReadOptions,
} from './types';

/** `POST <url>/json/2/<model>/<method>`: Odoo 19's external API, named arguments, API key as bearer. */
export class Json2Transport {
	constructor(private readonly connection: OdooConnection) {}

	async call(model: string, method: string, params: Record<string, OdooValue>): Promise<unknown> {
		const { secret, db } = this.connection;
		const path = `/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`;
		const headers: Record<string, string> = {
			Authorization: `bearer ${secret}`,
			'Content-Type': 'application/json',
			Accept: 'application/json',
		};
		if (db) headers['X-Odoo-Database'] = db;
		const response = await sendHttp({
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

export class Json2Protocol implements OdooProtocolClient {
	readonly protocol = 'json2' as const;
	private readonly transport: Json2Transport;
	private uid?: Promise<number>;

	constructor(private readonly connection: OdooConnection) {
		this.transport = new Json2Transport(connection);
	}

	/** JSON-2 is stateless: this checks the API key with a cheap call that also tells the uid. */
	login(): Promise<number> {
		this.uid ??= this.whoAmI().catch((error: unknown) => {
			this.uid = undefined;
			throw error;
		});
		return this.uid;
	}

	async searchRead(
		model: string,
		domain: OdooDomain,
		options: SearchReadOptions,
	): Promise<OdooRecord[]> {
		const { fields, limit, offset, order, context } = options;
		const result = await this.send(model, 'search_read', {
			domain,
			fields,
			limit,
			offset,
			order,
			context,
		});
		return expectRecords(result, `${model}.search_read`, this.connection.secret);
	}

	async read(
		model: string,
		ids: number[],
		fields?: string[],
		context?: OdooContext,
	): Promise<OdooRecord[]> {
		const result = await this.send(model, 'read', { ids, fields, context });
		return expectRecords(result, `${model}.read`, this.connection.secret);
	}

	async create(model: string, vals: OdooVals, context?: OdooContext): Promise<number> {
		const result = await this.send(model, 'create', { vals_list: [vals], context });
		const id: unknown = Array.isArray(result) && result.length === 1 ? result[0] : result;
		return expectNumber(id, `${model}.create`, this.connection.secret);
	}

	async write(
		model: string,
		ids: number[],
		vals: OdooVals,
		context?: OdooContext,
	): Promise<boolean> {
		const result = await this.send(model, 'write', { ids, vals, context });
		return expectBoolean(result, `${model}.write`, this.connection.secret);
	}

	async call(model: string, method: string, options: CallOptions): Promise<unknown> {
		const { ids, args, kwargs = {}, context } = options;
		if (args && args.length > 0) {
			throw createOdooError(
				{
					kind: 'protocol',
					message: `JSON-2 takes named arguments only: call ${model}.${method} with kwargs instead of args`,
				},
				this.connection.secret,
			);
		}
		return this.send(model, method, {
			...kwargs,
			ids: ids ?? kwargs.ids,
			context: context ?? kwargs.context,
		});
	}

	private async whoAmI(): Promise<number> {
		// res.users.context_get() runs for any user and returns {lang, tz, uid}.
		const result = await this.transport.call('res.users', 'context_get', {});
		const uid = (result as { uid?: unknown } | null)?.uid;
		return expectNumber(uid, 'res.users.context_get', this.connection.secret);
	}

	private send(model: string, method: string, params: Record<string, OdooValue | undefined>) {
		return this.transport.call(model, method, definedOnly(params));
	}
}
