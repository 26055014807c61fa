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

/** `POST <url>/jsonrpc`: Odoo's classic external API (services `common` and `object`). */
export class JsonRpcTransport {
	private nextId = 1;

	constructor(private readonly connection: OdooConnection) {}

	async call(service: string, method: string, args: OdooValue[]): Promise<unknown> {
		const { secret } = this.connection;
		const id = this.nextId++;
		const where = `POST /jsonrpc (${service}.${method})`;
		const response = await sendHttp({
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

export class JsonRpcProtocol implements OdooProtocolClient {
	readonly protocol = 'jsonrpc' as const;
	private readonly transport: JsonRpcTransport;
	private uid?: Promise<number>;

	constructor(private readonly connection: OdooConnection) {
		this.transport = new JsonRpcTransport(connection);
	}

	login(): Promise<number> {
		this.uid ??= this.authenticate().catch((error: unknown) => {
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
		const result = await this.executeKw(model, 'search_read', [domain], {
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
		const result = await this.executeKw(model, 'read', [ids], { fields, context });
		return expectRecords(result, `${model}.read`, this.connection.secret);
	}

	async create(model: string, vals: OdooVals, context?: OdooContext): Promise<number> {
		const result = await this.executeKw(model, 'create', [vals], { context });
		return expectNumber(result, `${model}.create`, this.connection.secret);
	}

	async write(
		model: string,
		ids: number[],
		vals: OdooVals,
		context?: OdooContext,
	): Promise<boolean> {
		const result = await this.executeKw(model, 'write', [ids, vals], { context });
		return expectBoolean(result, `${model}.write`, this.connection.secret);
	}

	call(model: string, method: string, options: CallOptions): Promise<unknown> {
		const { ids, args = [], kwargs = {}, context } = options;
		const positional = ids ? [ids, ...args] : args;
		return this.executeKw(model, method, positional, {
			...kwargs,
			context: context ?? kwargs.context,
		});
	}

	private async authenticate(): Promise<number> {
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

	private async executeKw(
		model: string,
		method: string,
		args: OdooValue[],
		kwargs: Record<string, OdooValue | undefined>,
	): Promise<unknown> {
		const uid = await this.login();
		const named = definedOnly(kwargs);
		const { db, secret } = this.connection;
		const params: OdooValue[] = [db, uid, secret, model, method, args];
		if (Object.keys(named).length > 0) params.push(named);
		return this.transport.call('object', 'execute_kw', params);
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
