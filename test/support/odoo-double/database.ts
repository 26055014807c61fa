import { domainMentions, matches, parseDomain } from './domain';
import { accessError, missingError, validationError, valueError } from './exceptions';
import { pyRepr, type PyValue } from './python';
import type {
	Env,
	FieldDef,
	Group,
	ModelDef,
	OutgoingWebhook,
	RecordListener,
	Row,
} from './schema';
import { convertValue, formatValue } from './values';

export interface UserAccount {
	uid: number;
	login: string;
	password: string;
	apiKeys: string[];
	groups: Group[];
}

export interface SearchOptions {
	offset?: number;
	limit?: number;
	order?: string;
}

const GROUP_LABELS: Record<Group, string> = {
	system: 'Role / Administrator',
	user: 'Role / User',
	equipment_manager: 'Maintenance / Equipment Manager',
};

type Operation = 'read' | 'create' | 'write' | 'unlink';

/** How Odoo's AccessError names each operation. */
const OPERATION_WORDS: Record<Operation, string> = {
	read: 'access',
	create: 'create',
	write: 'modify',
	unlink: 'delete',
};

const MAGIC_FIELDS: Record<string, FieldDef> = {
	display_name: { type: 'char', string: 'Display Name', readonly: true, compute: () => false },
	create_date: { type: 'datetime', string: 'Created on', readonly: true },
	write_date: { type: 'datetime', string: 'Last Updated on', readonly: true },
	create_uid: { type: 'many2one', string: 'Created by', relation: 'res.users', readonly: true },
	write_uid: { type: 'many2one', string: 'Last Updated by', relation: 'res.users', readonly: true },
};

/**
 * The in-memory database of the double: tables of rows and Odoo's ORM rules on top (defaults,
 * conversions, required fields, access groups, read formats, search with domains and orders).
 */
export class Database {
	private readonly models = new Map<string, ModelDef>();
	private readonly tables = new Map<string, Map<number, Row>>();
	private readonly sequences = new Map<string, number>();
	readonly accounts = new Map<number, UserAccount>();
	private afterCommit: Array<() => void> = [];
	/** The tables used by the running transaction, as they were before it (see `transaction`). */
	private snapshot: Map<string, Map<number, Row>> | undefined;
	private readonly listeners: RecordListener[] = [];
	/** Webhooks sent by server actions, in order. */
	readonly outbox: OutgoingWebhook[] = [];

	constructor(
		readonly name: string,
		definitions: ModelDef[],
		private readonly clock: () => Date,
		readonly serverMajor = 19,
	) {
		for (const definition of definitions) {
			const fields: Record<string, FieldDef> = { ...definition.fields };
			for (const [field, def] of Object.entries(MAGIC_FIELDS)) fields[field] ??= def;
			this.models.set(definition.name, { ...definition, fields });
			this.tables.set(definition.name, new Map());
		}
	}

	model(name: string): ModelDef | undefined {
		return this.models.get(name);
	}

	modelNames(): string[] {
		return [...this.models.keys()];
	}

	/** A copy of the stored rows, for assertions in tests. */
	rows(model: string): Row[] {
		return [...this.table(model).values()].map((row) => structuredClone(row));
	}

	row(model: string, id: number): Row | undefined {
		return this.table(model).get(id);
	}

	/** Seeds a row as is, with the id it has in a fresh Odoo database. */
	insert(model: string, row: Row): void {
		this.table(model).set(row.id, { ...row });
		const next = this.sequences.get(model) ?? 1;
		if (row.id >= next) this.sequences.set(model, row.id + 1);
	}

	/** Where the id sequence of a model starts (ids used by records a fresh database already has). */
	setNextId(model: string, id: number): void {
		this.sequences.set(model, id);
	}

	/** Like a PostgreSQL sequence: an id, once taken, is never given again, even if the insert fails. */
	nextId(model: string): number {
		const id = this.sequences.get(model) ?? 1;
		this.sequences.set(model, id + 1);
		return id;
	}

	now(): string {
		return this.clock().toISOString().slice(0, 19).replace('T', ' ');
	}

	/** Today in the context's or the user's time zone (UTC when neither has one). */
	today(env: Env): string {
		const user = this.row('res.users', env.uid);
		const tz = env.context.tz || user?.tz || 'UTC';
		try {
			return new Intl.DateTimeFormat('en-CA', { timeZone: String(tz) }).format(this.clock());
		} catch {
			return this.clock().toISOString().slice(0, 10);
		}
	}

	/**
	 * Runs one RPC call as a transaction: all or nothing, post-commit work only on success. Every table is
	 * reached through `table()`, which copies it on first use in the transaction: rolling back restores
	 * those copies, as a copy of the whole database would, at the cost of the tables the call used.
	 */
	transaction<T>(work: () => T): T {
		const outer = this.snapshot;
		const snapshot = new Map<string, Map<number, Row>>();
		this.snapshot = snapshot;
		try {
			const result = work();
			const pending = this.afterCommit;
			this.afterCommit = [];
			for (const job of pending) setImmediate(job);
			return result;
		} catch (error) {
			for (const [model, copy] of snapshot) this.tables.set(model, copy);
			this.afterCommit = [];
			throw error;
		} finally {
			// In an enclosing transaction, a table first used here was as it is in `snapshot` when that began.
			for (const [model, copy] of snapshot) if (outer && !outer.has(model)) outer.set(model, copy);
			this.snapshot = outer;
		}
	}

	/** Work that Odoo does once the transaction has committed (e.g. sending webhooks). */
	onCommit(job: () => void): void {
		this.afterCommit.push(job);
	}

	/** Called after every create and write (automation rules hook in here). */
	onRecordEvent(listener: RecordListener): void {
		this.listeners.push(listener);
	}

	userPartner(uid: number): number | false {
		const partner = this.row('res.users', uid)?.partner_id;
		return typeof partner === 'number' ? partner : false;
	}

	xmlidToResId(xmlid: string): number | false {
		const [module, name] = xmlid.split('.');
		for (const row of this.table('ir.model.data').values()) {
			if (row.module === module && row.name === name) return Number(row.res_id);
		}
		return false;
	}

	checkAccess(env: Env, modelName: string, operation: Operation = 'read'): void {
		const model = this.requireModel(modelName);
		if (!model.groups) return;
		const permitted =
			operation === 'read' ? [...(model.readGroups ?? []), ...model.groups] : model.groups;
		const groups = this.accounts.get(env.uid)?.groups ?? [];
		if (permitted.some((group) => groups.includes(group))) return;
		const allowed = permitted.map((group) => `\t- ${GROUP_LABELS[group]}`).join('\n');
		throw accessError(
			`You are not allowed to ${OPERATION_WORDS[operation]} '${model.description}' (${model.name}) records.\n\n` +
				`This operation is allowed for the following groups:\n${allowed}\n\n` +
				'Contact your administrator to request access if necessary.',
		);
	}

	create(env: Env, modelName: string, vals: Record<string, PyValue>): number {
		this.checkAccess(env, modelName, 'create');
		const model = this.requireModel(modelName);
		const { values, children } = this.convertVals(env, model, vals, undefined);
		const row = { id: 0, ...values } as Row;
		for (const [name, field] of Object.entries(model.fields)) {
			if (name in row || field.compute || field.type === 'one2many') continue;
			const value = field.default ? field.default(env, row) : undefined;
			row[name] = value === undefined ? emptyValue(field) : value;
		}
		model.beforeCreate?.(env, row);
		row.id = this.nextId(modelName);
		this.checkStored(model, row);
		const now = this.now();
		Object.assign(row, {
			create_date: now,
			write_date: now,
			create_uid: env.uid,
			write_uid: env.uid,
		});
		this.table(modelName).set(row.id, row);
		this.createChildren(env, model, row.id, children);
		model.afterCreate?.(env, row);
		for (const listener of this.listeners) listener(env, 'create', modelName, row.id);
		return row.id;
	}

	write(env: Env, modelName: string, ids: number[], vals: Record<string, PyValue>): void {
		this.checkAccess(env, modelName, 'write');
		const model = this.requireModel(modelName);
		this.ensureExist(env, model, ids);
		for (const id of ids) {
			const row = this.table(modelName).get(id) as Row;
			const before = structuredClone(row);
			const { values, children } = this.convertVals(env, model, vals, row);
			model.beforeWrite?.(env, row, values);
			const updated = { ...row, ...values, write_date: this.now(), write_uid: env.uid } as Row;
			this.checkStored(model, updated);
			this.table(modelName).set(id, updated);
			this.createChildren(env, model, id, children);
			model.afterWrite?.(env, before, updated);
			for (const listener of this.listeners) listener(env, 'write', modelName, id);
		}
	}

	unlink(env: Env, modelName: string, ids: number[]): void {
		this.checkAccess(env, modelName, 'unlink');
		const model = this.requireModel(modelName);
		this.ensureExist(env, model, ids);
		for (const id of ids) this.table(modelName).delete(id);
	}

	read(env: Env, modelName: string, ids: number[], fields?: string[]): Row[] {
		this.checkAccess(env, modelName);
		const model = this.requireModel(modelName);
		const names =
			fields && fields.length > 0
				? fields
				: Object.keys(model.fields).filter((name) => !name.startsWith('__'));
		for (const name of names) {
			if (name !== 'id' && !model.fields[name]) {
				throw valueError(`Invalid field ${pyRepr(name)} on ${pyRepr(model.name)}`);
			}
		}
		const result: Row[] = [];
		for (const id of [...new Set(ids)]) {
			const row = this.table(modelName).get(id);
			if (!row) continue;
			const record = { id } as Row;
			for (const name of names) {
				if (name === 'id') continue;
				record[name] = formatValue(env, model.fields[name], this.fieldValue(env, model, row, name));
			}
			result.push(record);
		}
		return result;
	}

	search(
		env: Env,
		modelName: string,
		domain: PyValue | undefined,
		options: SearchOptions = {},
	): number[] {
		this.checkAccess(env, modelName);
		const model = this.requireModel(modelName);
		const terms = parseDomain(domain);
		this.checkDomainFields(model, terms);
		if (options.order) this.checkOrderFields(model, options.order);
		const activeTest =
			'active' in model.fields &&
			env.context.active_test !== false &&
			!domainMentions(terms, 'active');
		const readPath = (e: Env, m: string, r: Row, path: string[], asNames: boolean) =>
			this.readPath(e, m, r, path, asNames);
		let rows = [...this.table(modelName).values()].filter(
			(row) =>
				(!activeTest || row.active !== false) && matches(env, modelName, row, terms, readPath),
		);
		rows = this.sort(env, model, rows, options.order || model.order);
		const offset = options.offset ?? 0;
		const end = options.limit ? offset + options.limit : undefined;
		return rows.slice(offset, end).map((row) => row.id);
	}

	displayName(env: Env, modelName: string, id: number): string {
		const model = this.requireModel(modelName);
		const row = this.table(modelName).get(id);
		if (!row) return `${modelName},${id}`;
		if (model.displayName) return model.displayName(env, row);
		return typeof row.name === 'string' ? row.name : `${modelName},${id}`;
	}

	/** A field's value on a row, computed if need be; many2one as an id, x2many as ids. */
	fieldValue(env: Env, model: ModelDef, row: Row, name: string): PyValue {
		if (name === 'id') return row.id;
		if (name === 'display_name') return this.displayName(env, model.name, row.id);
		const field = model.fields[name];
		if (field?.compute) return field.compute(env, row);
		if (field?.type === 'one2many' && field.relation && field.inverse) {
			const inverse = field.inverse;
			return [...this.table(field.relation).values()]
				.filter((child) => child[inverse] === row.id)
				.map((child) => child.id);
		}
		return row[name] ?? (field ? emptyValue(field) : false);
	}

	requireModel(name: string): ModelDef {
		const model = this.models.get(name);
		if (!model) throw new Error(`The double has no model ${name}`);
		return model;
	}

	private table(model: string): Map<number, Row> {
		const table = this.tables.get(model);
		if (!table) throw new Error(`The double has no model ${model}`);
		if (this.snapshot && !this.snapshot.has(model))
			this.snapshot.set(model, structuredClone(table));
		return table;
	}

	/** Odoo validates every field of the domain before searching (`odoo/orm/domains.py`). */
	private checkDomainFields(model: ModelDef, terms: ReturnType<typeof parseDomain>): void {
		for (const term of terms) {
			if (!Array.isArray(term)) continue;
			let current: ModelDef | undefined = model;
			for (const name of term[0].split('.')) {
				const field: FieldDef | undefined = current?.fields[name];
				if (current && !field && name !== 'id') {
					throw valueError(
						`Invalid field ${current.name}.${name} in condition (${term.map(pyRepr).join(', ')})`,
					);
				}
				current = field?.relation ? this.model(field.relation) : undefined;
			}
		}
	}

	private checkOrderFields(model: ModelDef, order: string): void {
		for (const part of order.split(',')) {
			const [name] = part.trim().split(/\s+/);
			if (name && name !== 'id' && !model.fields[name]) {
				throw valueError(`Invalid field ${pyRepr(name)} on model ${pyRepr(model.name)}`);
			}
		}
	}

	private ensureExist(env: Env, model: ModelDef, ids: number[]): void {
		const missing = ids.filter((id) => !this.table(model.name).has(id));
		if (missing.length > 0) {
			throw missingError(
				`Record does not exist or has been deleted.\n(Record: ${model.name}(${missing.join(', ')},), User: ${env.uid})`,
			);
		}
	}

	private convertVals(
		env: Env,
		model: ModelDef,
		vals: Record<string, PyValue>,
		current: Row | undefined,
	): { values: Record<string, PyValue>; children: Array<[FieldDef, Record<string, PyValue>]> } {
		const values: Record<string, PyValue> = {};
		const children: Array<[FieldDef, Record<string, PyValue>]> = [];
		for (const [name, value] of Object.entries(vals)) {
			const field = model.fields[name];
			if (!field && name !== 'id') {
				// write says "in", create "on model" (odoo/orm/models.py)
				const where = current ? 'in' : 'on model';
				throw valueError(`Invalid field ${pyRepr(name)} ${where} ${pyRepr(model.name)}`);
			}
			// Computed fields without an inverse, and the magic ones, are silently left out (Odoo logs a warning).
			if (!field || field.compute || name in MAGIC_FIELDS) continue;
			if (field.type === 'one2many' || field.type === 'many2many') {
				const currentIds = current ? (this.fieldValue(env, model, current, name) as number[]) : [];
				const { ids, created } = applyCommands(currentIds, value);
				if (field.type === 'many2many') values[name] = ids;
				for (const childVals of created) children.push([field, childVals]);
				continue;
			}
			values[name] = convertValue(model, name, field, value);
		}
		return { values, children };
	}

	/** What PostgreSQL would refuse on insert/update: NOT NULL and foreign keys. */
	private checkStored(model: ModelDef, row: Row): void {
		for (const [name, field] of Object.entries(model.fields)) {
			if (field.compute) continue;
			const value = row[name];
			if (field.required && (value === false || value === undefined || value === null)) {
				throw validationError(
					`The operation cannot be completed: Missing required value for the field '${field.string}' (${name}).\n` +
						`Model: '${model.description}' (${model.name})\n` +
						'- create/update: a mandatory field is not set\n' +
						'- delete: another model requires the record being deleted, you can archive it instead\n',
				);
			}
			if (field.type === 'many2one' && typeof value === 'number' && field.relation) {
				if (!this.table(field.relation).has(value)) {
					// PostgreSQL's foreign-key violation, which Odoo words as if a delete failed (models.py:3319).
					throw validationError(
						'The operation cannot be completed: Another model is using the record you are trying to delete.\n\n' +
							`The troublemaker is: '${model.description}' (${model.name})\n` +
							`Thanks to the following constraint: '${field.string}' (${name})\n` +
							'How about archiving the record instead?',
					);
				}
			}
		}
	}

	private createChildren(
		env: Env,
		model: ModelDef,
		parentId: number,
		children: Array<[FieldDef, Record<string, PyValue>]>,
	): void {
		for (const [field, vals] of children) {
			if (!field.relation) continue;
			const inverse = field.inverse;
			const childId = this.create(
				env,
				field.relation,
				inverse ? { ...vals, [inverse]: parentId } : vals,
			);
			if (field.type === 'many2many') {
				const name = Object.keys(model.fields).find((key) => model.fields[key] === field);
				const row = this.table(model.name).get(parentId);
				if (name && row) row[name] = [...((row[name] as number[]) ?? []), childId];
			}
		}
	}

	private readPath(
		env: Env,
		modelName: string,
		row: Row,
		path: string[],
		asNames: boolean,
	): PyValue[] {
		const model = this.requireModel(modelName);
		const [name, ...rest] = path;
		const field = model.fields[name];
		if (!field && name !== 'id') {
			throw valueError(`Invalid field ${pyRepr(name)} on model ${pyRepr(modelName)}`);
		}
		const value = this.fieldValue(env, model, row, name);
		const relation = field?.relation;
		const ids = field?.type.endsWith('2many')
			? (value as number[])
			: typeof value === 'number'
				? [value]
				: [];
		if (rest.length === 0) {
			if (field?.type === 'many2one' && asNames && relation) {
				return ids.map((id) => this.displayName(env, relation, id));
			}
			return field?.type.endsWith('2many') ? ids : [value];
		}
		if (!relation) throw valueError(`Invalid path ${path.join('.')} on model ${pyRepr(modelName)}`);
		return ids.flatMap((id) => {
			const related = this.table(relation).get(id);
			return related ? this.readPath(env, relation, related, rest, asNames) : [];
		});
	}

	/** Sorts by an `_order`-like spec; a many2one sorts by its comodel's own order, as in Odoo. */
	private sort(env: Env, model: ModelDef, rows: Row[], order: string, depth = 0): Row[] {
		const keys = order
			.split(',')
			.map((part) => part.trim().split(/\s+/))
			.filter(([name]) => name)
			.map(([name, direction]) => ({ name, desc: direction?.toLowerCase() === 'desc' }));
		const ranks = new Map<string, Map<number, number>>();
		const rankIn = (relation: string): Map<number, number> => {
			let rank = ranks.get(relation);
			if (!rank) {
				const comodel = this.requireModel(relation);
				const all = [...this.table(relation).values()];
				const sorted = depth < 2 ? this.sort(env, comodel, all, comodel.order, depth + 1) : all;
				rank = new Map(sorted.map((row, index) => [row.id, index]));
				ranks.set(relation, rank);
			}
			return rank;
		};
		const sortValue = (row: Row, name: string): PyValue => {
			const field = model.fields[name];
			const value = this.fieldValue(env, model, row, name);
			if (field?.type === 'many2one' && typeof value === 'number' && field.relation) {
				return rankIn(field.relation).get(value) ?? value;
			}
			return value;
		};
		return [...rows].sort((a, b) => {
			for (const { name, desc } of keys) {
				const result = compareValues(sortValue(a, name), sortValue(b, name), desc);
				if (result !== 0) return result;
			}
			return a.id - b.id;
		});
	}
}

function emptyValue(field: FieldDef): PyValue {
	if (field.type === 'boolean') return false;
	if (field.type === 'one2many' || field.type === 'many2many') return [];
	return false;
}

/** PostgreSQL order: NULLs last ascending, first descending; booleans false < true. */
function compareValues(a: PyValue, b: PyValue, desc: boolean): number {
	const emptyA = a === false || a === null || a === undefined;
	const emptyB = b === false || b === null || b === undefined;
	if (typeof a === 'boolean' && typeof b === 'boolean') {
		return (Number(a) - Number(b)) * (desc ? -1 : 1);
	}
	if (emptyA || emptyB) {
		if (emptyA && emptyB) return 0;
		return (emptyA ? 1 : -1) * (desc ? -1 : 1);
	}
	const left = a as string | number;
	const right = b as string | number;
	const result = left < right ? -1 : left > right ? 1 : 0;
	return desc ? -result : result;
}

/** Odoo's x2many commands: (0, 0, vals) create, (4, id) link, (3, id) unlink, (5,) clear, (6, 0, ids) set; or plain ids. */
function applyCommands(
	current: number[],
	value: PyValue,
): { ids: number[]; created: Array<Record<string, PyValue>> } {
	let ids = [...current];
	const created: Array<Record<string, PyValue>> = [];
	if (value === false || value === null) return { ids: [], created };
	if (!Array.isArray(value)) throw valueError(`Wrong value for an x2many field: ${pyRepr(value)}`);
	for (const command of value) {
		if (typeof command === 'number') {
			if (!ids.includes(command)) ids.push(command);
			continue;
		}
		if (!Array.isArray(command)) throw valueError(`Invalid x2many command ${pyRepr(command)}`);
		const [code, id, arg] = command;
		switch (code) {
			case 0:
				created.push((arg ?? {}) as Record<string, PyValue>);
				break;
			case 3:
			case 2:
				ids = ids.filter((item) => item !== id);
				break;
			case 4:
				if (typeof id === 'number' && !ids.includes(id)) ids.push(id);
				break;
			case 5:
				ids = [];
				break;
			case 6:
				ids = Array.isArray(arg)
					? (arg.filter((item) => typeof item === 'number') as number[])
					: [];
				break;
			default:
				break;
		}
	}
	return { ids, created };
}
