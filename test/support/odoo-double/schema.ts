import type { Database } from './database';
import type { PyValue } from './python';

export type FieldType =
	| 'char'
	| 'text'
	| 'html'
	| 'selection'
	| 'date'
	| 'datetime'
	| 'float'
	| 'integer'
	| 'boolean'
	| 'many2one'
	| 'one2many'
	| 'many2many';

/** A stored row: many2one as an id or false, x2many as id lists, other values as Odoo reads them. */
export type Row = Record<string, PyValue> & { id: number };

export type Context = Record<string, PyValue>;

/** Who calls, on which database state, with which context. */
export interface Env {
	db: Database;
	uid: number;
	context: Context;
}

export interface FieldDef {
	type: FieldType;
	string: string;
	required?: boolean;
	/** Reported by fields_get; computed fields without `store` are readonly and writes to them are dropped. */
	readonly?: boolean;
	relation?: string;
	/** one2many: the many2one on `relation` pointing back. */
	inverse?: string;
	selection?: Array<[string, string]>;
	default?: (env: Env, vals: Row) => PyValue;
	/** fields_get's `help`, when the field has one. */
	help?: string;
	/** What a stored computed field is computed from (fields_get's `depends`). */
	depends?: string[];
	/** Not stored: computed at read time (and ignored on write). */
	compute?: (env: Env, row: Row) => PyValue;
}

export interface ModelDef {
	name: string;
	/** `_description`, used in error messages. */
	description: string;
	/** `_order` */
	order: string;
	fields: Record<string, FieldDef>;
	/** Only these groups may touch the model at all (AccessError otherwise). */
	groups?: Group[];
	/** Groups that may also read (not write) the model. */
	readGroups?: Group[];
	/** Has a chatter (mail.thread): gets message_post. */
	mailThread?: boolean;
	displayName?: (env: Env, row: Row) => string;
	/** Computes stored values on create (after defaults) and write, like Odoo's stored computes and overrides. */
	beforeCreate?: (env: Env, vals: Row) => void;
	beforeWrite?: (env: Env, row: Row, vals: Record<string, PyValue>) => void;
	afterCreate?: (env: Env, row: Row) => void;
	afterWrite?: (env: Env, before: Row, after: Row) => void;
}

export type Group = 'system' | 'user' | 'equipment_manager';

/** A webhook the double sent (or tried to send) on behalf of an ir.actions.server. */
export interface OutgoingWebhook {
	url: string;
	body: string;
	status?: number;
	error?: string;
}

export type RecordEvent = 'create' | 'write';
export type RecordListener = (env: Env, event: RecordEvent, model: string, id: number) => void;
