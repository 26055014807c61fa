export type OdooErrorKind =
	'network' | 'timeout' | 'auth' | 'access' | 'validation' | 'notFound' | 'server' | 'protocol';

export interface OdooErrorInit {
	kind: OdooErrorKind;
	message: string;
	/** Odoo's exception name, e.g. `odoo.exceptions.AccessError` or `werkzeug.exceptions.Unauthorized`. */
	odooName?: string;
	httpStatus?: number;
	/** System error code of a network failure, e.g. `ECONNREFUSED`. */
	code?: string;
	/** Odoo's traceback, when it sent one. */
	debug?: string;
}

/**
 * Any failure talking to Odoo. `message` is Odoo's own text when Odoo produced the error
 * (e.g. `Wrong value for maintenance.request.maintenance_type: 'bogus'`). Build instances with
 * `createOdooError` so the secret of the connection is masked in every field.
 */
export class OdooError extends Error {
	readonly kind: OdooErrorKind;
	readonly odooName?: string;
	readonly httpStatus?: number;
	readonly code?: string;
	readonly debug?: string;

	constructor(init: OdooErrorInit) {
		super(init.message);
		this.name = 'OdooError';
		this.kind = init.kind;
		if (init.odooName !== undefined) this.odooName = init.odooName;
		if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
		if (init.code !== undefined) this.code = init.code;
		if (init.debug !== undefined) this.debug = init.debug;
	}
}

export const REDACTED = '***';

/** Masks every occurrence of the secret, raw or as it looks once URL- or JSON-encoded. */
export function redactSecret(text: string, secret: string): string {
	if (!secret) return text;
	const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
	let result = text;
	for (const form of [...forms].sort((a, b) => b.length - a.length)) {
		result = result.split(form).join(REDACTED);
	}
	return result;
}

/** Drops `user:password@` from a URL so it can be shown in a message. */
export function displayUrl(url: string): string {
	try {
		const parsed = new URL(url);
		parsed.username = '';
		parsed.password = '';
		return parsed.toString().replace(/\/$/, '');
	} catch {
		return url.replace(/\/\/[^/@]*@/, '//');
	}
}

export function createOdooError(init: OdooErrorInit, secret: string): OdooError {
	const clean = (text: string | undefined) =>
		text === undefined ? undefined : redactSecret(text, secret);
	return new OdooError({
		...init,
		message: clean(init.message) ?? '',
		odooName: clean(init.odooName),
		debug: clean(init.debug),
	});
}

/** Re-masks an error raised elsewhere; other values are turned into a `server` OdooError. */
export function ensureRedacted(error: unknown, secret: string): OdooError {
	if (error instanceof OdooError) {
		return createOdooError(
			{
				kind: error.kind,
				message: error.message,
				odooName: error.odooName,
				httpStatus: error.httpStatus,
				code: error.code,
				debug: error.debug,
			},
			secret,
		);
	}
	const message = error instanceof Error ? error.message : String(error);
	return createOdooError({ kind: 'server', message }, secret);
}

const KIND_BY_NAME: Record<string, OdooErrorKind> = {
	'odoo.exceptions.AccessDenied': 'auth',
	'werkzeug.exceptions.Unauthorized': 'auth',
	'odoo.http.SessionExpiredException': 'auth',
	'odoo.exceptions.AccessError': 'access',
	'werkzeug.exceptions.Forbidden': 'access',
	'odoo.exceptions.ValidationError': 'validation',
	'odoo.exceptions.UserError': 'validation',
	'builtins.ValueError': 'validation',
	'werkzeug.exceptions.UnprocessableEntity': 'validation',
	'werkzeug.exceptions.BadRequest': 'validation',
	'odoo.exceptions.MissingError': 'notFound',
	'werkzeug.exceptions.NotFound': 'notFound',
	'builtins.AttributeError': 'notFound',
};

/** Classifies an Odoo exception by its name (and, for the few ambiguous names, its message). */
export function kindOfOdooException(name: string, message: string): OdooErrorKind {
	// UserError is also how Odoo says that a model does not exist.
	if (name === 'odoo.exceptions.UserError' && /^Object \S+ doesn't exist/.test(message)) {
		return 'notFound';
	}
	if (name === 'psycopg2.OperationalError' && /does not exist/.test(message)) return 'notFound';
	return KIND_BY_NAME[name] ?? 'server';
}

export interface OdooExceptionPayload {
	name?: unknown;
	message?: unknown;
	debug?: unknown;
}

/** Turns Odoo's serialized exception (`error.data` of JSON-RPC, the body of a JSON-2 error) into an OdooError. */
export function errorFromOdooException(
	payload: OdooExceptionPayload,
	context: { secret: string; db: string; httpStatus?: number; fallbackMessage: string },
): OdooError {
	const name = typeof payload.name === 'string' ? payload.name : undefined;
	const odooMessage =
		typeof payload.message === 'string' && payload.message.trim() !== ''
			? payload.message.trim()
			: context.fallbackMessage;
	let message = odooMessage;
	if (name === 'psycopg2.OperationalError') {
		const missingDb = /database "([^"]+)" does not exist/.exec(odooMessage);
		if (missingDb) message = `Database "${missingDb[1]}" does not exist on this Odoo server`;
	}
	return createOdooError(
		{
			kind: kindOfOdooException(name ?? '', odooMessage),
			message,
			odooName: name,
			httpStatus: context.httpStatus,
			debug: typeof payload.debug === 'string' ? payload.debug : undefined,
		},
		context.secret,
	);
}
