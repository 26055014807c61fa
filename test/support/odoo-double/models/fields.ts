import type { FieldDef } from '../schema';

type Extra = Partial<Omit<FieldDef, 'type' | 'string'>>;

export const char = (string: string, extra: Extra = {}): FieldDef => ({
	type: 'char',
	string,
	...extra,
});
export const text = (string: string, extra: Extra = {}): FieldDef => ({
	type: 'text',
	string,
	...extra,
});
export const html = (string: string, extra: Extra = {}): FieldDef => ({
	type: 'html',
	string,
	...extra,
});
export const boolean = (string: string, extra: Extra = {}): FieldDef => ({
	type: 'boolean',
	string,
	...extra,
});
export const integer = (string: string, extra: Extra = {}): FieldDef => ({
	type: 'integer',
	string,
	...extra,
});
export const float = (string: string, extra: Extra = {}): FieldDef => ({
	type: 'float',
	string,
	...extra,
});
export const date = (string: string, extra: Extra = {}): FieldDef => ({
	type: 'date',
	string,
	...extra,
});
export const datetime = (string: string, extra: Extra = {}): FieldDef => ({
	type: 'datetime',
	string,
	...extra,
});

export const selection = (
	string: string,
	options: Array<[string, string]>,
	extra: Extra = {},
): FieldDef => ({ type: 'selection', string, selection: options, ...extra });

export const many2one = (relation: string, string: string, extra: Extra = {}): FieldDef => ({
	type: 'many2one',
	string,
	relation,
	...extra,
});

export const one2many = (
	relation: string,
	inverse: string,
	string: string,
	extra: Extra = {},
): FieldDef => ({
	type: 'one2many',
	string,
	relation,
	inverse,
	...extra,
});

export const many2many = (relation: string, string: string, extra: Extra = {}): FieldDef => ({
	type: 'many2many',
	string,
	relation,
	...extra,
});

/** A computed, non-stored field: readonly, recomputed on every read, writes to it are dropped. */
export const computed = (field: FieldDef, compute: NonNullable<FieldDef['compute']>): FieldDef => ({
	...field,
	readonly: true,
	compute,
});

export const COMPANY_ID = 1;
