import { normalizeBaseUrl } from './connection';

/**
 * The web-client link to a record, in the legacy form the Odoo maintenance module itself uses:
 * `<url>/web#id=<id>&model=<model>&view_type=form`. Works on every version: Odoo 19's web client
 * rewrites it in the browser to its canonical `/odoo/<model>/<id>` (the fragment never reaches
 * the server, which only sees `/web` and asks to log in first when there is no session).
 */
export function recordLink(url: string, model: string, id: number): string {
	const query = new URLSearchParams({ id: String(id), model, view_type: 'form' });
	return `${normalizeBaseUrl(url)}/web#${query.toString()}`;
}
