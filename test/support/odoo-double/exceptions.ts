import type { PyValue } from './python';

/**
 * A Python exception as Odoo serializes it: `name` is `<module>.<class>`. JSON-RPC wraps it in an
 * error envelope (HTTP 200); JSON-2 sends it bare with the status of `json2Status`.
 */
export class PyException extends Error {
	readonly args: PyValue[];
	readonly debug: string;

	constructor(
		readonly pyName: string,
		message: string,
		options: { args?: PyValue[]; debug?: string; status?: number } = {},
	) {
		super(message);
		this.args = options.args ?? [message];
		this.debug = options.debug ?? traceback(`${shortName(pyName)}: ${message}`);
		this.status = options.status;
	}

	readonly status?: number;

	serialize(): Record<string, PyValue> {
		return {
			name: this.pyName,
			message: this.message,
			arguments: this.args,
			context: {},
			debug: this.debug,
		};
	}
}

/** The transcripts cut Odoo's traceback to its first line and its last non-empty line. */
function traceback(lastLine: string): string {
	const lines = lastLine.split('\n').filter((line) => line.trim() !== '');
	return `Traceback (most recent call last):\n  ...\n${lines[lines.length - 1] ?? ''}`;
}

/** Python prints builtins without their module: `ValueError`, but `odoo.exceptions.UserError`. */
function shortName(pyName: string): string {
	return pyName.startsWith('builtins.') ? pyName.slice('builtins.'.length) : pyName;
}

/** Status code of an exception answered over JSON-2 (Odoo's `http_status`, werkzeug's `code`, else 500). */
export function json2Status(error: PyException): number {
	if (error.status !== undefined) return error.status;
	switch (error.pyName) {
		case 'odoo.exceptions.AccessError':
		case 'odoo.exceptions.AccessDenied':
			return 403;
		case 'odoo.exceptions.MissingError':
			return 404;
		case 'odoo.exceptions.UserError':
		case 'odoo.exceptions.ValidationError':
			return 422;
		default:
			return 500;
	}
}

export const valueError = (message: string) => new PyException('builtins.ValueError', message);
export const typeError = (message: string) => new PyException('builtins.TypeError', message);
export const attributeError = (message: string) =>
	new PyException('builtins.AttributeError', message);
export const userError = (message: string) => new PyException('odoo.exceptions.UserError', message);
export const validationError = (message: string) =>
	new PyException('odoo.exceptions.ValidationError', message);
export const accessError = (message: string) =>
	new PyException('odoo.exceptions.AccessError', message);
export const missingError = (message: string) =>
	new PyException('odoo.exceptions.MissingError', message);

/** Odoo hides the traceback of AccessDenied: its debug is a single line. */
export const accessDenied = () =>
	new PyException('odoo.exceptions.AccessDenied', 'Access Denied', {
		debug: 'odoo.exceptions.AccessDenied: Access Denied\n',
	});

export const databaseDoesNotExist = (db: string) =>
	new PyException(
		'psycopg2.OperationalError',
		`connection to server at "127.0.0.1", port 5432 failed: FATAL:  database "${db}" does not exist\n`,
	);

const PHRASES: Record<number, [string, string]> = {
	400: ['BadRequest', 'Bad Request'],
	401: ['Unauthorized', 'Unauthorized'],
	403: ['Forbidden', 'Forbidden'],
	404: ['NotFound', 'Not Found'],
	405: ['MethodNotAllowed', 'Method Not Allowed'],
	422: ['UnprocessableEntity', 'Unprocessable Entity'],
};

/** A werkzeug HTTPException: its arguments carry the status, its str() starts with `<code> <phrase>: `. */
export function httpException(status: keyof typeof PHRASES, message: string): PyException {
	const [className, phrase] = PHRASES[status];
	const pyName = `werkzeug.exceptions.${className}`;
	return new PyException(pyName, message, {
		args: [message, status],
		debug: traceback(`${pyName}: ${status} ${phrase}: ${message}`),
		status,
	});
}
