import { valueError } from './exceptions';
import { pyRepr, pyStrRepr, type PyValue } from './python';
import type { Env, FieldDef, ModelDef } from './schema';

const DATETIME_FORMAT = "'%Y-%m-%d %H:%M:%S'";
const DATE_FORMAT = "'%Y-%m-%d'";

// The alternatives of CPython's _strptime for %Y-%m-%d %H:%M:%S, in its order.
const DATETIME_RE =
	/^(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9]) (2[0-3]|[0-1]\d|\d):([0-5]\d|\d):(6[0-1]|[0-5]\d|\d)/;
const DATE_RE = /^(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])/;

/** `fields.Datetime.to_datetime`: `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DD`, nothing else. */
export function parseOdooDatetime(text: string): string {
	const value = text.length === 10 ? `${text} 00:00:00` : text;
	const match = DATETIME_RE.exec(value);
	if (!match)
		throw valueError(`time data ${pyStrRepr(value)} does not match format ${DATETIME_FORMAT}`);
	if (match[0].length < value.length) {
		throw valueError(`unconverted data remains: ${value.slice(match[0].length)}`);
	}
	const [, year, month, day, hour, minute, second] = match.map((part) => part?.trim());
	checkDay(Number(year), Number(month), Number(day));
	return `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** `fields.Date.to_date`: the first 10 characters as `YYYY-MM-DD`. */
export function parseOdooDate(text: string): string {
	const value = text.slice(0, 10);
	const match = DATE_RE.exec(value);
	if (!match)
		throw valueError(`time data ${pyStrRepr(value)} does not match format ${DATE_FORMAT}`);
	if (match[0].length < value.length) {
		throw valueError(`unconverted data remains: ${value.slice(match[0].length)}`);
	}
	const [, year, month, day] = match.map((part) => part?.trim());
	checkDay(Number(year), Number(month), Number(day));
	return `${year}-${pad(month)}-${pad(day)}`;
}

function checkDay(year: number, month: number, day: number) {
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (day > last) throw valueError('day is out of range for month');
}

function pad(part: string): string {
	return part.padStart(2, '0');
}

/** A value sent by a client, as the double stores it (Odoo's convert_to_cache, with its errors). */
export function convertValue(
	model: ModelDef,
	name: string,
	field: FieldDef,
	value: PyValue,
): PyValue {
	if (value === null || value === false || value === undefined) {
		return field.type === 'boolean' ? false : field.type.endsWith('2many') ? [] : false;
	}
	switch (field.type) {
		case 'char':
		case 'text':
			return String(value);
		case 'html':
			return typeof value === 'string' ? sanitizeHtml(value) : String(value);
		case 'selection': {
			const keys = (field.selection ?? []).map(([key]) => key);
			if (typeof value !== 'string' || !keys.includes(value)) {
				throw valueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
			}
			return value;
		}
		case 'date':
			if (typeof value !== 'string')
				throw valueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
			return parseOdooDate(value);
		case 'datetime':
			if (typeof value !== 'string')
				throw valueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
			return parseOdooDatetime(value);
		case 'float':
		case 'integer': {
			const number = typeof value === 'number' ? value : Number(value);
			if (Number.isNaN(number))
				throw valueError(`could not convert string to float: ${pyRepr(value)}`);
			return field.type === 'integer' ? Math.trunc(number) : number;
		}
		case 'boolean':
			return Boolean(value);
		case 'many2one': {
			const id = Array.isArray(value) ? value[0] : value;
			if (typeof id !== 'number')
				throw valueError(`Wrong value for ${model.name}.${name}: ${pyRepr(value)}`);
			return id;
		}
		default:
			return value;
	}
}

/**
 * Odoo's html_sanitize, reduced to what the transcripts show: HTML is kept as sent, script/style
 * elements and event handlers are removed, bare `&` escaped, and content that does not start with a
 * tag (plain text) is wrapped in `<p>` (a `<span>` root stays as is); newlines stay newlines.
 */
export function sanitizeHtml(html: string): string {
	if (html.trim() === '') return html;
	const cleaned = html
		.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
		.replace(/(href|src)\s*=\s*(["'])\s*javascript:[^"']*\2/gi, '')
		.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;');
	return cleaned.trim().startsWith('<') ? cleaned : `<p>${cleaned}</p>`;
}

/**
 * A message_post body given as a plain str (Odoo 17+): escaped, then sanitized as HTML, which wraps
 * it in one `<p>`; newlines stay raw newlines (no `<br>`), so the chatter shows one line.
 */
export function plaintextToHtml(text: string): string {
	return sanitizeHtml(escapeText(text));
}

export function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** mail.message's preview: the body's text, entities decoded, whitespace collapsed. */
export function htmlPreview(html: string): string {
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}

/** A stored value as `read` returns it. */
export function formatValue(env: Env, field: FieldDef, value: PyValue | undefined): PyValue {
	switch (field.type) {
		case 'many2one': {
			if (typeof value !== 'number' || !field.relation) return false;
			return [value, env.db.displayName(env, field.relation, value)];
		}
		case 'one2many':
		case 'many2many':
			return Array.isArray(value) ? value : [];
		case 'boolean':
			return value === true;
		case 'float':
		case 'integer':
			return typeof value === 'number' ? value : field.type === 'float' ? 0.0 : 0;
		default:
			// NULL reads as false; an empty string that was stored stays '' (e.g. mail.message.body).
			return value === undefined || value === null ? false : value;
	}
}
