/** How the client talks to Odoo. `auto` probes the server and picks JSON-2 when it can. */
export type OdooApiMode = 'auto' | 'jsonrpc' | 'json2';

/** The protocol actually in use once `auto` has been resolved. */
export type OdooProtocol = 'jsonrpc' | 'json2';

export interface OdooConnection {
	/** Base URL of the Odoo site, e.g. `https://mycompany.odoo.com` (a trailing slash is ignored). */
	url: string;
	db: string;
	username: string;
	/** Password or API key. Never appears in errors or logs. */
	secret: string;
	api: OdooApiMode;
	/** Per-request timeout, 30 s by default. */
	timeoutMs?: number;
	/** Retries of idempotent reads on network errors, timeouts and 502-504; 2 by default. */
	retries?: number;
}

export type OdooScalar = string | number | boolean | null;
export type OdooValue = OdooScalar | OdooValue[] | { [key: string]: OdooValue };
export type OdooContext = Record<string, OdooValue>;
export type OdooVals = Record<string, OdooValue>;

export type DomainOperator =
	| '='
	| '!='
	| '<'
	| '<='
	| '>'
	| '>='
	| 'in'
	| 'not in'
	| 'like'
	| 'not like'
	| 'ilike'
	| 'not ilike'
	| '=like'
	| '=ilike';

export type DomainLeaf = [field: string, operator: DomainOperator, value: OdooValue];
export type DomainConnector = '&' | '|' | '!';
/** An Odoo domain in prefix (Polish) notation; consecutive leaves are implicitly AND-ed. */
export type OdooDomain = Array<DomainLeaf | DomainConnector>;

/** A many2one as Odoo reads it: `[id, display name]`, or `false` when empty. */
export type Many2oneValue = [number, string] | false;

export interface OdooRecord {
	id: number;
	[field: string]: OdooValue;
}

export interface OdooServerVersion {
	/** e.g. `19.0`, or `saas~18.4` */
	version: string;
	/** e.g. `[19, 0, 0, 'final', 0, '']` */
	versionInfo: OdooValue[];
	major: number;
}

export interface SearchReadOptions {
	fields?: string[];
	limit?: number;
	offset?: number;
	order?: string;
	context?: OdooContext;
}

export interface CallOptions {
	/** Record ids the method runs on (omit for `@api.model` methods). */
	ids?: number[];
	/** Positional arguments after the ids. JSON-RPC only: JSON-2 takes named arguments. */
	args?: OdooValue[];
	/** Named arguments; work over both protocols. */
	kwargs?: Record<string, OdooValue>;
	context?: OdooContext;
}
