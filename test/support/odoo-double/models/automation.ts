import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

import type { Database } from '../database';
import { pyJsonDumps, type PyValue } from '../python';
import type { Env, ModelDef, Row } from '../schema';
import {
	boolean,
	char,
	computed,
	integer,
	many2many,
	many2one,
	one2many,
	selection,
	text,
} from './fields';

export const DEFAULT_RECORD_GETTER =
	"model.env[payload.get('_model')].browse(int(payload.get('_id')))";

const modelNameOf = (env: Env, row: Row) =>
	typeof row.model_id === 'number' ? (env.db.row('ir.model', row.model_id)?.model ?? false) : false;

export const baseAutomation: ModelDef = {
	name: 'base.automation',
	description: 'Automation Rule',
	order: 'sequence, id',
	groups: ['system'],
	fields: {
		name: char('Automation Rule Name', { required: true }),
		sequence: integer('Sequence'),
		model_id: many2one('ir.model', 'Model', { required: true }),
		model_name: computed(char('Model Name'), modelNameOf),
		active: boolean('Active', { default: () => true }),
		trigger: selection(
			'Trigger',
			[
				['on_stage_set', 'Stage is set to'],
				['on_user_set', 'User is set'],
				['on_tag_set', 'Tag is added'],
				['on_state_set', 'State is set to'],
				['on_priority_set', 'Priority is set to'],
				['on_archive', 'On archived'],
				['on_unarchive', 'On unarchived'],
				['on_create_or_write', 'On save'],
				['on_create', 'On creation'],
				['on_write', 'On update'],
				['on_unlink', 'On deletion'],
				['on_change', 'On UI change'],
				['on_time', 'Based on date field'],
				['on_time_created', 'After creation'],
				['on_time_updated', 'After last update'],
				['on_message_received', 'On incoming message'],
				['on_message_sent', 'On outgoing message'],
				['on_webhook', 'On webhook'],
			],
			{ required: true },
		),
		action_server_ids: one2many('ir.actions.server', 'base_automation_id', 'Actions'),
		trigger_field_ids: many2many('ir.model.fields', 'Trigger Fields'),
		filter_domain: char('Apply on'),
		webhook_uuid: char('Webhook UUID', { readonly: true, default: () => randomUUID() }),
		url: computed(
			char('URL'),
			(env, row) => `${webBaseUrl(env.db)}/web/hook/${String(row.webhook_uuid)}`,
		),
		record_getter: char('Record Getter', { default: () => DEFAULT_RECORD_GETTER }),
		log_webhook_calls: boolean('Log Calls'),
	},
};

const STATE_HELP =
	'Type of server action. The following values are available:\n' +
	"- 'Update a Record': update the values of a record\n" +
	"- 'Create Activity': create an activity (Discuss)\n" +
	"- 'Send Email': post a message, a note or send an email (Discuss)\n" +
	"- 'Send SMS': send SMS, log them on documents (SMS)- 'Add/Remove Followers': add or remove followers to a record (Discuss)\n" +
	"- 'Create Record': create a new record with new values\n" +
	"- 'Execute Code': a block of Python code that will be executed\n" +
	"- 'Send Webhook Notification': send a POST request to an external system, also known as a Webhook\n" +
	"- 'Multi Actions': define an action that triggers several other server actions\n";

export const irActionsServer: ModelDef = {
	name: 'ir.actions.server',
	description: 'Server Actions',
	order: 'sequence,name',
	groups: ['system'],
	fields: {
		name: char('Action Name', { required: true }),
		sequence: integer('Sequence', { default: () => 5 }),
		model_id: many2one('ir.model', 'Model', { required: true }),
		model_name: computed(char('Model Name'), modelNameOf),
		usage: selection(
			'Usage',
			[
				['ir_actions_server', 'Server Action'],
				['ir_cron', 'Scheduled Action'],
				['base_automation', 'Automation Rule'],
			],
			{
				required: true,
				default: (_env, vals) =>
					vals.base_automation_id ? 'base_automation' : 'ir_actions_server',
			},
		),
		base_automation_id: many2one('base.automation', 'Automation Rule'),
		state: selection(
			'Type',
			[
				['object_write', 'Update Record'],
				['object_create', 'Create Record'],
				['code', 'Execute Code'],
				['webhook', 'Send Webhook Notification'],
				['multi', 'Execute Existing Actions'],
				['mail_post', 'Send Email'],
				['followers', 'Add Followers'],
				['remove_followers', 'Remove Followers'],
				['next_activity', 'Create Activity'],
			],
			{ required: true, default: () => 'object_write', help: STATE_HELP },
		),
		update_path: char('Field to Update'),
		update_field_id: computed(many2one('ir.model.fields', 'Field to Update'), (env, row) =>
			fieldId(env.db, modelNameOf(env, row), String(row.update_path || '').split('.')[0]),
		),
		evaluation_type: selection(
			'Value Type',
			[
				['value', 'Update'],
				['equation', 'Compute'],
			],
			{ default: () => 'value' },
		),
		value: text('Value'),
		code: text('Python Code'),
		webhook_url: char('Webhook URL', { help: 'URL to send the POST request to.' }),
		// The help says `_name`; the payload's key is `_action` (findings §5).
		webhook_field_ids: many2many('ir.model.fields', 'Webhook Fields', {
			help:
				"Fields to send in the POST request. The id and model of the record are always sent as '_id' and '_model'. " +
				"The name of the action that triggered the webhook is always sent as '_name'.",
		}),
		webhook_sample_payload: computed(text('Sample Payload'), (env, row) => samplePayload(env, row)),
	},
};

export function webBaseUrl(db: Database): string {
	const row = db.rows('ir.config_parameter').find((param) => param.key === 'web.base.url');
	return row ? String(row.value) : '';
}

function fieldId(db: Database, model: PyValue, name: string): PyValue {
	if (!model || !name) return false;
	return (
		db.rows('ir.model.fields').find((field) => field.model === model && field.name === name)?.id ??
		false
	);
}

/** Runs server actions on records, as `ir.actions.server.run` and automation rules do. */
export function runActions(
	env: Env,
	actionIds: number[],
	model: string,
	recordIds: number[],
): void {
	for (const actionId of actionIds) {
		const action = env.db.row('ir.actions.server', actionId);
		if (!action || recordIds.length === 0) continue;
		if (action.state === 'object_write' && action.update_path) {
			const vals = { [String(action.update_path)]: action.value as PyValue };
			env.db.write(
				{ ...env, context: { ...env.context, __automation: true } },
				model,
				recordIds,
				vals,
			);
		} else if (action.state === 'webhook' && action.webhook_url) {
			for (const id of recordIds) {
				const body = pyJsonDumps(webhookPayload(env, action, model, id));
				const url = String(action.webhook_url);
				env.db.onCommit(() => sendWebhook(env.db, url, body));
			}
		}
	}
}

/** Fires the rules of a model on create/write (no filters, no trigger fields: the cases the package needs). */
export function triggerAutomations(
	env: Env,
	event: 'create' | 'write',
	model: string,
	id: number,
): void {
	if (env.context.__automation) return;
	const triggers =
		event === 'create' ? ['on_create', 'on_create_or_write'] : ['on_write', 'on_create_or_write'];
	const system = { ...env, uid: 1, context: { ...env.context, __automation: true } };
	for (const rule of env.db.rows('base.automation')) {
		if (!rule.active || !triggers.includes(String(rule.trigger))) continue;
		if (modelNameOf(env, rule) !== model) continue;
		const actions = env.db.fieldValue(
			system,
			baseAutomation,
			rule,
			'action_server_ids',
		) as number[];
		runActions(system, actions, model, [id]);
	}
}

/** The body Odoo posts: `_action`, `_id`, `_model`, `id` and the chosen fields (many2one as a bare id). */
function webhookPayload(env: Env, action: Row, model: string, id: number): Record<string, PyValue> {
	const definition = env.db.requireModel(model);
	const payload: Record<string, PyValue> = {
		_action: `${String(action.name)}(#${action.id})`,
		_id: id,
		_model: model,
		id,
	};
	const record = env.db.row(model, id);
	if (!record) return payload;
	for (const fieldId of (action.webhook_field_ids as number[] | undefined) ?? []) {
		const name = env.db.row('ir.model.fields', fieldId)?.name;
		if (typeof name !== 'string' || !definition.fields[name]) continue;
		const value = env.db.fieldValue(env, definition, record, name);
		payload[name] = value === undefined || value === null ? false : value;
	}
	return payload;
}

function samplePayload(env: Env, action: Row): PyValue {
	if (action.state !== 'webhook') return false;
	const model = modelNameOf(env, action);
	if (typeof model !== 'string') return false;
	const [sampleId] = env.db.search({ ...env, uid: 1 }, model, [], { limit: 1 });
	if (sampleId === undefined) return false;
	return pyJsonDumps(webhookPayload(env, action, model, sampleId), 4);
}

/** Fire and forget, 1 s timeout, no retry: the headers of python-requests, which Odoo uses. */
function sendWebhook(db: Database, url: string, body: string): void {
	const entry: { url: string; body: string; status?: number; error?: string } = { url, body };
	db.outbox.push(entry);
	let target: URL;
	try {
		target = new URL(url);
	} catch (error) {
		entry.error = (error as Error).message;
		return;
	}
	const client = target.protocol === 'https:' ? https : http;
	const request = client.request(
		target,
		{
			method: 'POST',
			timeout: 1000,
			headers: {
				'User-Agent': 'python-requests/2.28.1',
				'Accept-Encoding': 'gzip, deflate',
				Accept: '*/*',
				Connection: 'keep-alive',
				'Content-Type': 'application/json',
				'Content-Length': Buffer.byteLength(body),
			},
		},
		(response) => {
			entry.status = response.statusCode;
			response.resume();
		},
	);
	request.on('timeout', () => request.destroy(new Error('timeout')));
	request.on('error', (error) => {
		entry.error = error.message;
	});
	request.end(body);
}
