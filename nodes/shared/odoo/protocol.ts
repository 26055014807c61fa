import { createOdooError } from './errors';
import type {
	CallOptions,
	OdooContext,
	OdooDomain,
	OdooProtocol,
	OdooRecord,
	OdooVals,
	OdooValue,
	SearchReadOptions,
} from './types';

/** One protocol's way of doing the operations of `OdooClient` (see jsonRpc.ts and json2.ts). */
export interface OdooProtocolClient {
	readonly protocol: OdooProtocol;
	/** Authenticates once (the uid is cached) and returns the uid. */
	login(): Promise<number>;
	searchRead(model: string, domain: OdooDomain, options: SearchReadOptions): Promise<OdooRecord[]>;
	read(
		model: string,
		ids: number[],
		fields?: string[],
		context?: OdooContext,
	): Promise<OdooRecord[]>;
	create(model: string, vals: OdooVals, context?: OdooContext): Promise<number>;
	write(model: string, ids: number[], vals: OdooVals, context?: OdooContext): Promise<boolean>;
	call(model: string, method: string, options: CallOptions): Promise<unknown>;
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
