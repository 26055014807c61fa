import type { Send } from '../n8n/send';
import { normalizeBaseUrl } from './connection';
import { ensureRedacted, OdooError } from './errors';
import { Json2Protocol } from './json2';
import { JsonRpcProtocol } from './jsonRpc';
import type { OdooProtocolClient } from './protocol';
import { DEFAULT_RETRIES, IDEMPOTENT_METHODS, withRetry } from './retry';
import type {
	CallOptions,
	OdooConnection,
	OdooContext,
	OdooDomain,
	OdooProtocol,
	OdooRecord,
	OdooServerVersion,
	OdooVals,
	SearchReadOptions,
} from './types';
import { fetchServerVersion } from './version';

/** The one way every node talks to Odoo, whatever the protocol underneath. */
export interface OdooClient {
	version(): Promise<OdooServerVersion>;
	/** Authenticates (once, cached) and returns the uid. */
	login(): Promise<number>;
	/** The protocol in use, once `auto` has been resolved. */
	protocol(): Promise<OdooProtocol>;
	searchRead(model: string, domain: OdooDomain, options?: SearchReadOptions): Promise<OdooRecord[]>;
	read(
		model: string,
		ids: number[],
		fields?: string[],
		options?: { context?: OdooContext },
	): Promise<OdooRecord[]>;
	/** Creates one record and returns its id. */
	create(model: string, vals: OdooVals, options?: { context?: OdooContext }): Promise<number>;
	write(
		model: string,
		ids: number[],
		vals: OdooVals,
		options?: { context?: OdooContext },
	): Promise<boolean>;
	/** Any public model method; prefer `kwargs`, which work over both protocols. */
	call<T = unknown>(model: string, method: string, options?: CallOptions): Promise<T>;
}

/** A client for `connection` whose requests go out through `send` (n8n's HTTP client in the nodes). */
export function createOdooClient(connection: OdooConnection, send: Send): OdooClient {
	return new DefaultOdooClient({ ...connection, url: normalizeBaseUrl(connection.url) }, send);
}

class DefaultOdooClient implements OdooClient {
	private versionCache?: Promise<OdooServerVersion>;
	private protocolCache?: Promise<OdooProtocolClient>;
	private readonly retries: number;

	constructor(
		private readonly connection: OdooConnection,
		private readonly send: Send,
	) {
		this.retries = connection.retries ?? DEFAULT_RETRIES;
	}

	version(): Promise<OdooServerVersion> {
		this.versionCache ??= this.guard(() =>
			withRetry(() => fetchServerVersion(this.connection, this.send), this.retries),
		).catch((error: unknown) => {
			this.versionCache = undefined;
			throw error;
		});
		return this.versionCache;
	}

	login(): Promise<number> {
		return this.run(true, (rpc) => rpc.login());
	}

	protocol(): Promise<OdooProtocol> {
		return this.guard(async () => (await this.protocolClient()).protocol);
	}

	searchRead(model: string, domain: OdooDomain, options: SearchReadOptions = {}) {
		return this.run(true, (rpc) => rpc.searchRead(model, domain, options));
	}

	read(model: string, ids: number[], fields?: string[], options: { context?: OdooContext } = {}) {
		return this.run(true, (rpc) => rpc.read(model, ids, fields, options.context));
	}

	create(model: string, vals: OdooVals, options: { context?: OdooContext } = {}) {
		return this.run(false, (rpc) => rpc.create(model, vals, options.context));
	}

	write(model: string, ids: number[], vals: OdooVals, options: { context?: OdooContext } = {}) {
		return this.run(false, (rpc) => rpc.write(model, ids, vals, options.context));
	}

	call<T = unknown>(model: string, method: string, options: CallOptions = {}): Promise<T> {
		const idempotent = IDEMPOTENT_METHODS.has(method);
		return this.run(idempotent, (rpc) => rpc.call(model, method, options)) as Promise<T>;
	}

	private run<T>(
		idempotent: boolean,
		operation: (rpc: OdooProtocolClient) => Promise<T>,
	): Promise<T> {
		return this.guard(async () => {
			const rpc = await this.protocolClient();
			return idempotent ? withRetry(() => operation(rpc), this.retries) : operation(rpc);
		});
	}

	private protocolClient(): Promise<OdooProtocolClient> {
		this.protocolCache ??= this.chooseProtocol().catch((error: unknown) => {
			this.protocolCache = undefined;
			throw error;
		});
		return this.protocolCache;
	}

	private async chooseProtocol(): Promise<OdooProtocolClient> {
		const { api } = this.connection;
		if (api === 'jsonrpc') return new JsonRpcProtocol(this.connection, this.send);
		if (api === 'json2') return new Json2Protocol(this.connection, this.send);
		const { major } = await this.version();
		if (major >= 19) {
			const json2 = new Json2Protocol(this.connection, this.send);
			try {
				await withRetry(() => json2.login(), this.retries);
				return json2;
			} catch (error) {
				// Only an unreachable server is final; a rejected key (e.g. a password) means JSON-RPC.
				if (error instanceof OdooError && (error.kind === 'network' || error.kind === 'timeout')) {
					throw error;
				}
			}
		}
		return new JsonRpcProtocol(this.connection, this.send);
	}

	/** Last line of defence: whatever escapes is an OdooError with the secret masked. */
	private async guard<T>(operation: () => Promise<T>): Promise<T> {
		try {
			return await operation();
		} catch (error) {
			throw ensureRedacted(error, this.connection.secret);
		}
	}
}
