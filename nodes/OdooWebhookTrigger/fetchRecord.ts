import { OdooError } from '../shared/odoo/errors';
import type { OdooClient } from '../shared/odoo/client';
import type { OdooRecord } from '../shared/odoo/types';
import { errorReply, type Reply } from '../shared/trigger/reply';
import type { OdooEvent } from './payload';

const MODEL_NAME = /^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*$/;

export type RecordResult =
	| { ok: true; record: OdooRecord }
	/** `detail`: what went wrong, for n8n's log only (it may name Odoo's internal address). */
	| { ok: false; reply: Reply; detail?: string };

/**
 * The payload's target record, like Studio's "Target Record": 400 when the payload does not name
 * one, 404 when it does not exist (archived records count as existing), 502 when Odoo fails. The
 * 502 answer is generic: Odoo's error may name its internal host and port.
 */
export async function fetchTargetRecord(
	client: OdooClient,
	event: OdooEvent,
	fields: readonly string[],
): Promise<RecordResult> {
	const { model, id } = event;
	if (model === null || !MODEL_NAME.test(model)) {
		return {
			ok: false,
			reply: errorReply(400, 'Fetching the target record needs a model such as "sale.order"'),
		};
	}
	if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
		return {
			ok: false,
			reply: errorReply(400, 'Fetching the target record needs a positive integer id'),
		};
	}
	let records: OdooRecord[];
	try {
		// search_read, not read: read raises MissingError for a deleted id instead of returning nothing.
		records = await client.searchRead(model, [['id', '=', id]], {
			fields: fields.length > 0 ? [...fields] : undefined,
			limit: 1,
			context: { active_test: false },
		});
	} catch (error) {
		const detail = error instanceof OdooError ? error.message : String(error);
		return {
			ok: false,
			reply: errorReply(502, `Odoo could not read ${model} ${id}; see the n8n log`),
			detail: `Odoo could not read ${model} ${id}: ${detail}`,
		};
	}
	if (records.length === 0) {
		return { ok: false, reply: errorReply(404, `${model} ${id} does not exist`) };
	}
	return { ok: true, record: records[0] };
}
