import { createOdooError } from './errors';
import type {
	CallOptions,
	OdooConnection,
	OdooContext,
	OdooDomain,
	OdooProtocol,
	OdooRecord,
	OdooVals,
	OdooValue,
	SearchReadOptions,
} from './types';

/**
 * A model method call in JSON-RPC's `execute_kw` form: the record ids, the other positional
 * arguments, the keyword arguments. JSON-2 maps it to named arguments (json2.ts).
 */
export interface MethodCall {
	ids?: number[];
	args: OdooValue[];
	kwargs: Record<string, OdooValue | undefined>;
}

/**
 * The operations of `OdooClient`, written once over a protocol's `execute` (one call body);
 * jsonRpc.ts and json2.ts only say how to log in and how to send a {@link MethodCall}.
 */
export abstract class OdooProtocolClient {
	abstract readonly protocol: OdooProtocol;
	private uid?: Promise<number>;

	constructor(protected readonly connection: OdooConnection) {}

	/** Checks the credentials and returns the uid. */
	protected abstract authenticate(): Promise<number>;

	protected abstract execute(model: string, method: string, call: MethodCall): Promise<unknown>;

	/** Authenticates once (the uid is cached) and returns the uid. */
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
		const result = await this.execute(model, 'search_read', {
			args: [domain],
			kwargs: { fields, limit, offset, order, context },
		});
		return expectRecords(result, `${model}.search_read`, this.connection.secret);
	}

	async read(
		model: string,
		ids: number[],
		fields?: string[],
		context?: OdooContext,
	): Promise<OdooRecord[]> {
		const result = await this.execute(model, 'read', {
			ids,
			args: [],
			kwargs: { fields, context },
		});
		return expectRecords(result, `${model}.read`, this.connection.secret);
	}

	async create(model: string, vals: OdooVals, context?: OdooContext): Promise<number> {
		const result = await this.execute(model, 'create', { args: [vals], kwargs: { context } });
		// JSON-2 sends a list of values and gets a list of ids back.
		const id: unknown = Array.isArray(result) && result.length === 1 ? result[0] : result;
		return expectNumber(id, `${model}.create`, this.connection.secret);
	}

	async write(
		model: string,
		ids: number[],
		vals: OdooVals,
		context?: OdooContext,
	): Promise<boolean> {
		const result = await this.execute(model, 'write', { ids, args: [vals], kwargs: { context } });
		return expectBoolean(result, `${model}.write`, this.connection.secret);
	}

	call(model: string, method: string, options: CallOptions): Promise<unknown> {
		const { ids, args = [], kwargs = {}, context } = options;
		return this.execute(model, method, {
			ids,
			args,
			kwargs: { ...kwargs, context: context ?? kwargs.context },
		});
	}
}

/** Drops the keys whose value is undefined, so optional arguments are not sent at all. */
export function definedOnly(
	values: Record<string, OdooValue | undefined>,
): Record<string, OdooValue> {
	const result: Record<string, OdooValue> = {};
	for (const [key, value] of Object.entries(values)) {
		if (value !== undefined) result[key] = value;
	}
	return result;
}

export function expectRecords(value: unknown, what: string, secret: string): OdooRecord[] {
	if (Array.isArray(value) && value.every((row) => typeof row === 'object' && row !== null)) {
		return value as OdooRecord[];
	}
	throw protocolError(`${what} did not return a list of records`, value, secret);
}

export function expectNumber(value: unknown, what: string, secret: string): number {
	if (typeof value === 'number') return value;
	throw protocolError(`${what} did not return a number`, value, secret);
}

export function expectBoolean(value: unknown, what: string, secret: string): boolean {
	if (typeof value === 'boolean') return value;
	throw protocolError(`${what} did not return true/false`, value, secret);
}

function protocolError(message: string, value: unknown, secret: string) {
	const shown = JSON.stringify(value)?.slice(0, 100) ?? String(value);
	return createOdooError({ kind: 'protocol', message: `${message}: got ${shown}` }, secret);
}
