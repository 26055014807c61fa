import { typeError } from './exceptions';
import type { PyValue } from './python';

export interface Param {
	name: string;
	/** No default: the caller must give it. */
	required?: boolean;
	default?: PyValue;
}

/** The Python signature of a model method, without `self`. */
export interface Signature {
	/** e.g. `BaseModel.search_read`, as CPython names it in TypeErrors. */
	qualname: string;
	params: Param[];
	/** Keyword-only parameters (after `*`). */
	kwonly?: Param[];
	/** Accepts `**kwargs`. */
	varKw?: boolean;
	/**
	 * Keyword arguments Odoo's RPC layer adds on its own: `message_post` called with a positional
	 * body fails with "… (and 2 keyword-only arguments) were given" although the caller sent none.
	 */
	implicitKwonly?: number;
}

export type BoundArgs = Record<string, PyValue | undefined> & { extra?: Record<string, PyValue> };

/** Binds like a Python call `method(self, *args, **kwargs)`, with CPython's TypeError messages. */
export function bindCall(
	signature: Signature,
	args: PyValue[],
	kwargs: Record<string, PyValue>,
): BoundArgs {
	const { qualname, params } = signature;
	const kwonly = signature.kwonly ?? [];
	if (args.length > params.length) {
		const givenKwonly =
			kwonly.filter((param) => param.name in kwargs).length + (signature.implicitKwonly ?? 0);
		const takes = positionalCount(params);
		const given = args.length + 1;
		const tail =
			givenKwonly > 0
				? `${given} positional argument${plural(given)} (and ${givenKwonly} keyword-only argument${plural(givenKwonly)}) were given`
				: `${given} ${given === 1 ? 'was' : 'were'} given`;
		throw typeError(`${qualname}() takes ${takes} but ${tail}`);
	}
	const bound: BoundArgs = {};
	params.forEach((param, index) => {
		if (index < args.length) bound[param.name] = args[index];
	});
	const extra: Record<string, PyValue> = {};
	for (const [name, value] of Object.entries(kwargs)) {
		const known =
			params.some((param) => param.name === name) || kwonly.some((param) => param.name === name);
		if (!known) {
			if (!signature.varKw)
				throw typeError(`${qualname}() got an unexpected keyword argument '${name}'`);
			extra[name] = value;
			continue;
		}
		if (name in bound) throw typeError(`${qualname}() got multiple values for argument '${name}'`);
		bound[name] = value;
	}
	const missing = params
		.filter((param) => param.required && !(param.name in bound))
		.map((param) => param.name);
	if (missing.length > 0) {
		throw typeError(
			`${qualname}() missing ${missing.length} required positional argument${plural(missing.length)}: ${quoteList(missing)}`,
		);
	}
	const missingKw = kwonly
		.filter((param) => param.required && !(param.name in bound))
		.map((param) => param.name);
	if (missingKw.length > 0) {
		throw typeError(
			`${qualname}() missing ${missingKw.length} required keyword-only argument${plural(missingKw.length)}: ${quoteList(missingKw)}`,
		);
	}
	for (const param of [...params, ...kwonly]) {
		if (!(param.name in bound)) bound[param.name] = param.default;
	}
	bound.extra = extra;
	return bound;
}

/** `inspect.signature(func).bind(records, **kwargs)`, as JSON-2 checks named arguments. */
export function bindNamed(signature: Signature, kwargs: Record<string, PyValue>): BoundArgs {
	const kwonly = signature.kwonly ?? [];
	const all = [...signature.params, ...kwonly];
	if (!signature.varKw) {
		const unexpected = Object.keys(kwargs).find(
			(name) => !all.some((param) => param.name === name),
		);
		if (unexpected) throw typeError(`got an unexpected keyword argument '${unexpected}'`);
	}
	const missing = all.find((param) => param.required && !(param.name in kwargs));
	if (missing) throw typeError(`missing a required argument: '${missing.name}'`);
	return bindCall(signature, [], kwargs);
}

function positionalCount(params: Param[]): string {
	const max = params.length + 1;
	const min = params.filter((param) => param.required).length + 1;
	return min === max
		? `${max} positional argument${plural(max)}`
		: `from ${min} to ${max} positional arguments`;
}

function plural(count: number): string {
	return count === 1 ? '' : 's';
}

function quoteList(names: string[]): string {
	const quoted = names.map((name) => `'${name}'`);
	if (quoted.length === 1) return quoted[0];
	return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
