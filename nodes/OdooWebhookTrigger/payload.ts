import { decodeUtf8, parseJsonObject } from '../shared/trigger/body';
import { errorReply, type Reply } from '../shared/trigger/reply';

export type Payload = Record<string, unknown>;

/** What the trigger outputs about a call, besides the payload itself. */
export interface OdooEvent {
	/** `_model` (Odoo's "Send Webhook Notification") or `model` (Studio-style payloads). */
	model: string | null;
	/** `_id` or `id`: an integer when numeric (number or digits), else the value as sent. */
	id: number | string | null;
	/** `_action`: `"<server action name>(#<id>)"` in Odoo's own notifications. */
	action: string | null;
}

export type PayloadResult = { ok: true; payload: Payload } | { ok: false; reply: Reply };

/**
 * The payload of a call, like Odoo's own webhook controller: GET takes the query string; POST
 * takes the body as JSON whatever its Content-Type, or the query string when the body is empty.
 * A non-empty body that is not a JSON object is refused (400).
 */
export function extractPayload(method: string, query: Payload, body: Buffer): PayloadResult {
	if (method === 'GET') return { ok: true, payload: query };
	const decoded = decodeUtf8(body);
	if (!decoded.ok) return { ok: false, reply: errorReply(400, decoded.message) };
	if (decoded.text.trim() === '') return { ok: true, payload: query };
	const parsed = parseJsonObject(decoded.text);
	if (!parsed.ok) return { ok: false, reply: errorReply(400, parsed.message) };
	return { ok: true, payload: parsed.value };
}

const DIGITS = /^\d{1,15}$/;

export type EventResult = { ok: true; event: OdooEvent } | { ok: false; reply: Reply };

export function toEvent(payload: Payload): EventResult {
	const model = pick(payload, '_model', 'model');
	const id = pick(payload, '_id', 'id');
	const action = pick(payload, '_action');
	if (model !== undefined && model !== null && model !== false && typeof model !== 'string') {
		return { ok: false, reply: errorReply(400, 'The model must be a string') };
	}
	if (action !== undefined && action !== null && action !== false && typeof action !== 'string') {
		return { ok: false, reply: errorReply(400, 'The action must be a string') };
	}
	let eventId: number | string | null = null;
	if (typeof id === 'number' && Number.isFinite(id)) eventId = id;
	else if (typeof id === 'string') eventId = DIGITS.test(id) ? Number(id) : id;
	else if (id !== undefined && id !== null && id !== false) {
		return { ok: false, reply: errorReply(400, 'The id must be a number or a string') };
	}
	return {
		ok: true,
		event: {
			model: typeof model === 'string' && model !== '' ? model : null,
			id: eventId,
			action: typeof action === 'string' && action !== '' ? action : null,
		},
	};
}

export interface PayloadRules {
	/** `model` and `id` are satisfied by Odoo's `_model`/`_id` too; other names are payload keys. */
	requiredFields: readonly string[];
	/** Empty: any model. */
	allowedModels: readonly string[];
}

/** 400 naming every missing required field, or a model outside the allowed ones. */
export function checkPayload(
	event: OdooEvent,
	payload: Payload,
	rules: PayloadRules,
): Reply | undefined {
	const missing = rules.requiredFields.filter((field) => {
		if (field === 'model') return event.model === null;
		if (field === 'id') return event.id === null || event.id === '';
		return isEmpty(payload[field]);
	});
	if (missing.length > 0) {
		return errorReply(400, `Missing required fields: ${missing.join(', ')}`);
	}
	if (
		rules.allowedModels.length > 0 &&
		event.model !== null &&
		!rules.allowedModels.includes(event.model)
	) {
		return errorReply(
			400,
			`Model "${event.model}" is not allowed; allowed: ${rules.allowedModels.join(', ')}`,
		);
	}
	if (rules.allowedModels.length > 0 && event.model === null) {
		return errorReply(
			400,
			`The payload names no model; allowed: ${rules.allowedModels.join(', ')}`,
		);
	}
	return undefined;
}

/** Odoo's notion of an empty value: absent, null, false, or blank text. */
function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		value === false ||
		(typeof value === 'string' && value.trim() === '')
	);
}

function pick(payload: Payload, ...keys: string[]): unknown {
	for (const key of keys) {
		if (Object.prototype.hasOwnProperty.call(payload, key) && payload[key] !== undefined) {
			return payload[key];
		}
	}
	return undefined;
}
