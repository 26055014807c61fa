import { randomUUID } from 'node:crypto';

import type { BoundArgs, Signature } from './binding';
import {
	accessError,
	attributeError,
	missingError,
	typeError,
	userError,
	valueError,
} from './exceptions';
import { runActions } from './models/automation';
import { SUBTYPE_NOTE } from './models/mail';
import { pyRepr, type PyValue } from './python';
import type { Env, FieldDef, ModelDef } from './schema';
import { plaintextToHtml, sanitizeHtml } from './values';

/** A recordset returned by a method: RPC answers its ids. */
export class RecordSet {
	constructor(readonly ids: number[]) {}
}

/** `undefined` is Python's None: JSON-RPC then answers without `result`. */
export type MethodResult = PyValue | RecordSet | undefined;

export interface MethodDef {
	signature: Signature;
	/** `@api.model`: called without ids. */
	apiModel: boolean;
	run(env: Env, model: ModelDef, ids: number[], args: BoundArgs): MethodResult;
}

const orm: Record<string, MethodDef> = {
	create: {
		apiModel: true,
		signature: { qualname: 'BaseModel.create', params: [{ name: 'vals_list', required: true }] },
		run: (env, model, _ids, { vals_list }) => {
			const list = Array.isArray(vals_list) ? vals_list : [vals_list];
			const ids = list.map((vals) => {
				if (!isDict(vals))
					throw valueError(`Invalid values for ${model.name}.create: ${pyRepr(vals ?? null)}`);
				return env.db.create(env, model.name, vals);
			});
			return new RecordSet(ids);
		},
	},
	write: {
		apiModel: false,
		signature: { qualname: 'BaseModel.write', params: [{ name: 'vals', required: true }] },
		run: (env, model, ids, { vals }) => {
			if (!isDict(vals))
				throw valueError(`Invalid values for ${model.name}.write: ${pyRepr(vals ?? null)}`);
			env.db.write(env, model.name, ids, vals);
			return true;
		},
	},
	unlink: {
		apiModel: false,
		signature: { qualname: 'BaseModel.unlink', params: [] },
		run: (env, model, ids) => {
			env.db.unlink(env, model.name, ids);
			return true;
		},
	},
	read: {
		apiModel: false,
		signature: {
			qualname: 'BaseModel.read',
			params: [
				{ name: 'fields', default: null },
				{ name: 'load', default: '_classic_read' },
			],
		},
		run: (env, model, ids, { fields }) => env.db.read(env, model.name, ids, fieldList(fields)),
	},
	search: {
		apiModel: true,
		signature: {
			qualname: 'BaseModel.search',
			params: [
				{ name: 'domain', required: true },
				{ name: 'offset', default: 0 },
				{ name: 'limit', default: null },
				{ name: 'order', default: null },
			],
		},
		run: (env, model, _ids, args) => new RecordSet(search(env, model, args)),
	},
	search_count: {
		apiModel: true,
		signature: {
			qualname: 'BaseModel.search_count',
			params: [
				{ name: 'domain', required: true },
				{ name: 'limit', default: null },
			],
		},
		run: (env, model, _ids, args) =>
			search(env, model, { domain: args.domain, limit: args.limit }).length,
	},
	search_read: {
		apiModel: true,
		signature: {
			qualname: 'BaseModel.search_read',
			params: [
				{ name: 'domain', default: null },
				{ name: 'fields', default: null },
				{ name: 'offset', default: 0 },
				{ name: 'limit', default: null },
				{ name: 'order', default: null },
			],
			varKw: true,
		},
		run: (env, model, _ids, args) => {
			// Extra keyword arguments go to _read_format(), which only knows `load`.
			const unexpected = Object.keys(args.extra ?? {}).find((name) => name !== 'load');
			const ids = search(env, model, args);
			if (unexpected) {
				throw typeError(
					`BaseModel._read_format() got an unexpected keyword argument '${unexpected}'`,
				);
			}
			return env.db.read(env, model.name, ids, fieldList(args.fields));
		},
	},
	// Models with an `active` field; both return None (no `result` in JSON-RPC, models.py:5791).
	action_archive: {
		apiModel: false,
		signature: { qualname: 'BaseModel.action_archive', params: [] },
		run: (env, model, ids) => {
			setActive(env, model, ids, false);
			return undefined;
		},
	},
	action_unarchive: {
		apiModel: false,
		signature: { qualname: 'BaseModel.action_unarchive', params: [] },
		run: (env, model, ids) => {
			setActive(env, model, ids, true);
			return undefined;
		},
	},
	fields_get: {
		apiModel: true,
		signature: {
			qualname: 'BaseModel.fields_get',
			params: [
				{ name: 'allfields', default: null },
				{ name: 'attributes', default: null },
			],
		},
		run: (env, model, _ids, { allfields, attributes }) => {
			env.db.checkAccess(env, model.name);
			return fieldsGet(model, fieldList(allfields), fieldList(attributes));
		},
	},
};

const mailThread: Record<string, MethodDef> = {
	message_post: {
		apiModel: false,
		signature: {
			qualname: 'MailThread.message_post',
			params: [],
			kwonly: [
				{ name: 'body', default: '' },
				{ name: 'subject', default: null },
				{ name: 'message_type', default: 'notification' },
				{ name: 'email_from', default: null },
				{ name: 'author_id', default: null },
				{ name: 'parent_id', default: false },
				{ name: 'subtype_xmlid', default: null },
				{ name: 'subtype_id', default: false },
				{ name: 'partner_ids', default: null },
				{ name: 'attachments', default: null },
				{ name: 'attachment_ids', default: null },
				{ name: 'body_is_html', default: false },
			],
			varKw: true,
			implicitKwonly: 2,
		},
		run: (env, model, ids, args) => {
			if (ids.length !== 1)
				throw valueError(`Expected singleton: ${model.name}(${ids.join(', ')})`);
			if (!env.db.row(model.name, ids[0])) {
				throw missingError(
					`Record does not exist or has been deleted.\n(Record: ${model.name}(${ids[0]},), User: ${env.uid})`,
				);
			}
			const extra = { ...(args.extra ?? {}) };
			const isHtml = args.body_is_html === true;
			const text = typeof args.body === 'string' ? args.body : '';
			let body = '';
			if (env.db.serverMajor < 17) {
				// Odoo 16 and older store a str body as HTML (sanitized); body_is_html does not exist.
				body = sanitizeHtml(text);
				if (isHtml) extra.body_is_html = true;
			} else if (text) {
				// 17+: a str is escaped (mail_thread.py:2309); body_is_html keeps it as HTML for internal users.
				body = isHtml ? sanitizeHtml(text) : plaintextToHtml(text);
			}
			const subtype =
				(typeof args.subtype_id === 'number' && args.subtype_id) ||
				(typeof args.subtype_xmlid === 'string' && env.db.xmlidToResId(args.subtype_xmlid)) ||
				SUBTYPE_NOTE;
			const vals: Record<string, PyValue> = {
				model: model.name,
				res_id: ids[0],
				body,
				message_type: (args.message_type as PyValue) ?? 'notification',
				subtype_id: subtype,
				...(args.subject ? { subject: args.subject } : {}),
				...(typeof args.author_id === 'number' ? { author_id: args.author_id } : {}),
				...(Array.isArray(args.partner_ids) ? { partner_ids: [[6, 0, args.partner_ids]] } : {}),
				...extra,
			};
			return new RecordSet([env.db.create(env, 'mail.message', vals)]);
		},
	},
};

const specific: Record<string, Record<string, MethodDef>> = {
	'ir.config_parameter': {
		get_param: {
			apiModel: true,
			signature: {
				qualname: 'IrConfigParameter.get_param',
				params: [
					{ name: 'key', required: true },
					{ name: 'default', default: false },
				],
			},
			run: (env, _model, _ids, { key, default: fallback }) => {
				env.db.checkAccess(env, 'ir.config_parameter');
				return parameter(env, String(key))?.value ?? fallback ?? false;
			},
		},
		set_param: {
			apiModel: true,
			signature: {
				qualname: 'IrConfigParameter.set_param',
				params: [
					{ name: 'key', required: true },
					{ name: 'value', required: true },
				],
			},
			run: (env, _model, _ids, { key, value }) => {
				env.db.checkAccess(env, 'ir.config_parameter');
				const existing = parameter(env, String(key));
				const previous = existing?.value ?? false;
				if (existing && (value === false || value === null)) {
					env.db.unlink(env, 'ir.config_parameter', [existing.id]);
				} else if (existing) {
					if (existing.value !== String(value)) {
						env.db.write(env, 'ir.config_parameter', [existing.id], { value: String(value) });
					}
				} else if (value !== false && value !== null) {
					env.db.create(env, 'ir.config_parameter', { key: String(key), value: String(value) });
				}
				return previous;
			},
		},
	},
	'res.users': {
		context_get: {
			apiModel: true,
			signature: { qualname: 'ResUsers.context_get', params: [] },
			run: (env) => {
				const user = env.db.row('res.users', env.uid);
				return { lang: 'en_US', tz: user?.tz ?? false, uid: env.uid };
			},
		},
	},
	'base.automation': {
		action_rotate_webhook_uuid: {
			apiModel: false,
			signature: { qualname: 'BaseAutomation.action_rotate_webhook_uuid', params: [] },
			run: (env, _model, ids) => {
				for (const id of ids) {
					env.db.write(env, 'base.automation', [id], { webhook_uuid: randomUUID() });
				}
				return undefined;
			},
		},
	},
	'ir.actions.server': {
		run: {
			apiModel: false,
			signature: { qualname: 'IrActionsServer.run', params: [] },
			run: (env, model, ids) => {
				env.db.checkAccess(env, model.name);
				const activeModel = env.context.active_model;
				const activeIds = Array.isArray(env.context.active_ids)
					? (env.context.active_ids as number[])
					: typeof env.context.active_id === 'number'
						? [env.context.active_id]
						: [];
				if (typeof activeModel === 'string' && env.db.model(activeModel)) {
					runActions(env, ids, activeModel, activeIds);
				}
				return false;
			},
		},
	},
};

/** The public method `name` of a model, or the errors Odoo gives for private and unknown ones. */
export function publicMethod(model: ModelDef, name: string): MethodDef {
	if (name.startsWith('_')) {
		throw accessError(
			`Private methods (such as '${model.name}.${name}') cannot be called remotely.`,
		);
	}
	const method =
		specific[model.name]?.[name] ?? (model.mailThread ? mailThread[name] : undefined) ?? orm[name];
	if (!method) throw attributeError(`The method '${model.name}.${name}' does not exist`);
	return method;
}

export function unknownModel(name: string) {
	return userError(`Object ${name} doesn't exist`);
}

function setActive(env: Env, model: ModelDef, ids: number[], active: boolean): void {
	if (!('active' in model.fields)) {
		throw valueError(`${model.name} has no 'active' field`);
	}
	env.db.write(env, model.name, ids, { active });
}

function search(env: Env, model: ModelDef, args: BoundArgs): number[] {
	const limit = typeof args.limit === 'number' ? args.limit : undefined;
	const offset = typeof args.offset === 'number' ? args.offset : undefined;
	const order = typeof args.order === 'string' ? args.order : undefined;
	return env.db.search(env, model.name, args.domain ?? [], { limit, offset, order });
}

function parameter(env: Env, key: string) {
	return env.db.rows('ir.config_parameter').find((row) => row.key === key);
}

function fieldList(value: PyValue | undefined): string[] | undefined {
	if (value === undefined || value === null || value === false) return undefined;
	if (typeof value === 'string') return [value];
	return Array.isArray(value) ? value.map(String) : undefined;
}

function isDict(value: PyValue | undefined): value is Record<string, PyValue> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldsGet(model: ModelDef, names: string[] | undefined, attributes: string[] | undefined) {
	const result: Record<string, PyValue> = {};
	const all: Array<[string, FieldDef]> = [['id', ID_FIELD], ...Object.entries(model.fields)];
	for (const [name, field] of all) {
		if (names && !names.includes(name)) continue;
		const description = describeField(field);
		result[name] = attributes
			? Object.fromEntries(Object.entries(description).filter(([key]) => attributes.includes(key)))
			: description;
	}
	return result;
}

const ID_FIELD: FieldDef = { type: 'integer', string: 'ID', readonly: true };

function describeField(field: FieldDef): Record<string, PyValue> {
	const description: Record<string, PyValue> = {
		type: field.type,
		string: field.string,
		required: Boolean(field.required),
		readonly: Boolean(field.readonly),
		store: !field.compute,
		depends: field.depends ?? [],
	};
	if (field.relation) description.relation = field.relation;
	if (field.help) description.help = field.help;
	if (field.selection) description.selection = field.selection;
	return description;
}
