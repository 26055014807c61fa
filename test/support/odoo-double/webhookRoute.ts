import type { Database } from './database';
import { baseAutomation, runActions } from './models/automation';
import { pyRepr, pyStrRepr, type PyValue } from './python';
import { json, methodNotAllowedPage, type DoubleResponse } from './response';
import type { Env } from './schema';

export interface HookRequest {
	method: string;
	uuid: string;
	query: URLSearchParams;
	body: string;
}

// The record getters the double can evaluate: `model.env[payload.get('M')].browse(int(payload.get('I')))`.
const GETTER =
	/^model\.env\[payload\.get\((['"])(\w+)\1\)\]\.browse\(int\(payload\.get\((['"])(\w+)\3\)\)\)$/;

/**
 * `/web/hook/<uuid>` of an automation rule with the `on_webhook` trigger: the body is parsed as JSON
 * whatever its Content-Type; otherwise the payload is the query string. The record getter finds the
 * record, the rule's actions run on it. Logs to ir.logging like Odoo when `log_webhook_calls` is set.
 */
export function handleHook(db: Database, request: HookRequest): DoubleResponse {
	if (request.method !== 'GET' && request.method !== 'POST') return methodNotAllowedPage();
	const rule = db
		.rows('base.automation')
		.find((row) => row.active && row.trigger === 'on_webhook' && row.webhook_uuid === request.uuid);
	if (!rule) return json(404, { status: 'error' });
	const env: Env = { db, uid: 1, context: {} };
	const payload = parsePayload(request);
	const log = (level: 'INFO' | 'ERROR', message: string) => {
		if (!rule.log_webhook_calls) return;
		db.create(env, 'ir.logging', {
			name: 'Webhook Log',
			type: 'server',
			level,
			path: `base_automation(${rule.id})`,
			func: '',
			line: '',
			message,
			dbname: db.name,
		});
	};
	log('INFO', `Webhook #${rule.id} triggered with payload ${pyRepr(payload)}`);
	const getter = String(rule.record_getter);
	const found = evaluateGetter(db, getter, payload);
	if ('failure' in found) {
		log(
			'ERROR',
			`Webhook #${rule.id} could not be triggered because the record_getter failed:\n${found.failure}`,
		);
		return json(500, { status: 'error' });
	}
	if (!db.row(found.model, found.id)) {
		log(
			'ERROR',
			`Webhook #${rule.id} could not be triggered because no record to run it on was found.`,
		);
		return json(500, { status: 'error' });
	}
	try {
		db.transaction(() => {
			const actions = db.fieldValue(env, baseAutomation, rule, 'action_server_ids') as number[];
			runActions({ ...env, context: { __automation: true } }, actions, found.model, [found.id]);
		});
	} catch (error) {
		log(
			'ERROR',
			`Webhook #${rule.id} failed: ${error instanceof Error ? error.message : String(error)}`,
		);
		return json(500, { status: 'error' });
	}
	return json(200, { status: 'ok' });
}

function parsePayload(request: HookRequest): Record<string, PyValue> {
	try {
		const body: unknown = JSON.parse(request.body);
		if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
			return body as Record<string, PyValue>;
		}
	} catch {
		// Not JSON (a form, nothing): Odoo falls back to the query string, form fields are ignored.
	}
	return Object.fromEntries(request.query.entries());
}

type Found = { model: string; id: number } | { failure: string };

function evaluateGetter(db: Database, getter: string, payload: Record<string, PyValue>): Found {
	const match = GETTER.exec(getter.trim());
	if (!match) {
		return {
			failure: `NotImplementedError: the Odoo double cannot evaluate the record_getter ${pyStrRepr(getter)}`,
		};
	}
	const model = payload[match[2]];
	if (typeof model !== 'string' || !db.model(model)) {
		return { failure: keyErrorTraceback(model, getter) };
	}
	const rawId = payload[match[4]];
	const id = pyInt(rawId);
	if (typeof id === 'string') return { failure: intErrorTraceback(id, getter) };
	return { model, id };
}

/** Python's int() of a JSON value: the int, or the text of the error it raises. */
function pyInt(value: PyValue | undefined): number | string {
	if (typeof value === 'number') return Math.trunc(value);
	if (typeof value === 'boolean') return Number(value);
	if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number(value.trim());
	if (typeof value === 'string')
		return `ValueError: invalid literal for int() with base 10: ${pyStrRepr(value)}`;
	const typeName =
		value === undefined || value === null ? 'NoneType' : Array.isArray(value) ? 'list' : 'dict';
	return `TypeError: int() argument must be a string, a bytes-like object or a real number, not '${typeName}'`;
}

const EVAL_FRAME =
	'Traceback (most recent call last):\n' +
	'  File "<odoo>/odoo/tools/safe_eval.py", line 397, in safe_eval\n' +
	'    return unsafe_eval(c, globals_dict, None)\n' +
	'           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n' +
	'  File "", line 1, in <module>\n';

function wrapped(inner: string, errorRepr: string, getter: string): string {
	return (
		`${EVAL_FRAME}${inner}\n\nDuring handling of the above exception, another exception occurred:\n\n` +
		'Traceback (most recent call last):\n' +
		'  File "<odoo>/addons/base_automation/models/base_automation.py", line 620, in _execute_webhook\n' +
		'    record = safe_eval.safe_eval(self.record_getter, self._get_eval_context(payload=payload))\n' +
		'             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n' +
		'  File "<odoo>/odoo/tools/safe_eval.py", line 403, in safe_eval\n' +
		"    raise ValueError('%r while evaluating\\n%r' % (e, expr))\n" +
		`ValueError: ${errorRepr} while evaluating\n${pyStrRepr(getter)}\n`
	);
}

/** The traceback Odoo logs when `model.env[...]` gets a missing or unknown model name. */
function keyErrorTraceback(model: PyValue | undefined, getter: string): string {
	const key = pyRepr(model ?? null);
	const inner =
		'  File "<odoo>/odoo/orm/environments.py", line 107, in __getitem__\n' +
		'    return self.registry[model_name](self, (), ())\n' +
		'           ~~~~~~~~~~~~~^^^^^^^^^^^^\n' +
		'  File "<odoo>/odoo/orm/registry.py", line 335, in __getitem__\n' +
		'    return self.models[model_name]\n' +
		'           ~~~~~~~~~~~^^^^^^^^^^^^\n' +
		`KeyError: ${key}`;
	return wrapped(inner, `KeyError(${key})`, getter);
}

/** The traceback Odoo logs when `int(...)` fails on the id of the payload. */
function intErrorTraceback(error: string, getter: string): string {
	const [type, ...rest] = error.split(': ');
	return wrapped(error, `${type}(${pyStrRepr(rest.join(': '))})`, getter);
}
