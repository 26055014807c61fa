import type { PyValue } from './python';

export interface DoubleResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

export function json(status: number, body: PyValue | undefined): DoubleResponse {
	return { status, headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify(body ?? null) };
}

export function html(status: number, body: string): DoubleResponse {
	return { status, headers: { 'Content-Type': HTML_TYPE }, body };
}

/** werkzeug's default pages, as Odoo answers routes it does not have. */
export function notFoundPage(): DoubleResponse {
	return html(
		404,
		'<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
			'<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
	);
}

export function methodNotAllowedPage(): DoubleResponse {
	return html(
		405,
		'<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n' +
			'<p>The method is not allowed for the requested URL.</p>\n',
	);
}
