import { bindCall, bindNamed } from './binding';
import type { Database } from './database';
import { httpException, PyException } from './exceptions';
import { publicMethod, RecordSet, unknownModel, type MethodResult } from './methods';
import { pyRepr, type PyValue } from './python';
import type { Context, Env } from './schema';

/** JSON-RPC `execute_kw`: Odoo's call_kw with positional args (ids first for record methods) and kwargs. */
export function callKw(
	db: Database,
	uid: number,
	modelName: string,
	methodName: string,
	args: PyValue[],
	kwargs: Record<string, PyValue>,
): PyValue | undefined {
	const model = db.model(modelName);
	if (!model) throw unknownModel(modelName);
	const method = publicMethod(model, methodName);
	const { context, ...named } = kwargs;
	const env: Env = { db, uid, context: { ...userContext(db, uid), ...asContext(context) } };
	let ids: number[] = [];
	let positional = args;
	if (!method.apiModel) {
		if (args.length === 0) throw new PyException('builtins.IndexError', 'list index out of range');
		ids = toIds(args[0]);
		positional = args.slice(1);
	}
	const bound = bindCall(method.signature, positional, named);
	const result = db.transaction(() => method.run(env, model, ids, bound));
	// call_kw's special case: create() with one dict answers an id, with a list the ids.
	if (methodName === 'create' && result instanceof RecordSet && isDict(bound.vals_list)) {
		return result.ids[0];
	}
	return toRpc(result);
}

/** JSON-2: named arguments only, `ids` and `context` apart; argument errors are 422. */
export function callNamed(
	db: Database,
	uid: number,
	modelName: string,
	methodName: string,
	body: Record<string, PyValue>,
): PyValue | undefined {
	const { ids = [], context = {}, ...named } = body;
	const model = db.model(modelName);
	if (!model) throw httpException(404, `the model ${pyRepr(modelName)} does not exist`);
	let method;
	try {
		method = publicMethod(model, methodName);
	} catch (error) {
		if (error instanceof PyException && error.pyName === 'builtins.AttributeError') {
			throw httpException(404, error.message);
		}
		throw error;
	}
	const recordIds = toIds(ids);
	if (method.apiModel && recordIds.length > 0) {
		throw httpException(422, `cannot call ${modelName}.${methodName} with ids`);
	}
	let bound;
	try {
		bound = bindNamed(method.signature, named);
	} catch (error) {
		if (error instanceof PyException) throw httpException(422, error.message);
		throw error;
	}
	// JSON-2 replaces the context wholesale.
	const env: Env = { db, uid, context: asContext(context) };
	return toRpc(db.transaction(() => method.run(env, model, recordIds, bound)));
}

export function userContext(db: Database, uid: number): Context {
	const user = db.row('res.users', uid);
	return { lang: 'en_US', tz: user?.tz ?? false, uid };
}

function toRpc(result: MethodResult): PyValue | undefined {
	return result instanceof RecordSet ? result.ids : result;
}

function toIds(value: PyValue): number[] {
	if (typeof value === 'number') return [value];
	if (Array.isArray(value)) return value.filter((id): id is number => typeof id === 'number');
	return [];
}

function asContext(value: PyValue | undefined): Context {
	return isDict(value) ? value : {};
}

function isDict(value: PyValue | undefined): value is Record<string, PyValue> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
