import { valueError } from './exceptions';
import { pyRepr, type PyValue } from './python';
import type { Env, Row } from './schema';

const OPERATORS = new Set([
	'=',
	'!=',
	'<',
	'<=',
	'>',
	'>=',
	'in',
	'not in',
	'like',
	'not like',
	'ilike',
	'not ilike',
	'=like',
	'=ilike',
]);

type Term = '&' | '|' | '!' | [string, string, PyValue];

/** Checks a domain's shape once, before it is evaluated on every row. */
export function parseDomain(domain: PyValue | undefined): Term[] {
	if (domain === undefined || domain === null || domain === false) return [];
	if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${pyRepr(domain)}`);
	let needed = 1;
	const terms = domain.map((term): Term => {
		if (term === '&' || term === '|') {
			needed += 1;
			return term;
		}
		if (term === '!') return term;
		if (
			Array.isArray(term) &&
			term.length === 3 &&
			typeof term[0] === 'string' &&
			typeof term[1] === 'string'
		) {
			if (!OPERATORS.has(term[1].toLowerCase())) {
				throw valueError(`Invalid leaf ${pyRepr(term)}`);
			}
			needed -= 1;
			return [term[0], term[1].toLowerCase(), term[2]];
		}
		throw valueError(`Invalid domain term ${pyRepr(term)}`);
	});
	if (needed > 1 && terms.length > 0) throw valueError(`Invalid domain: ${pyRepr(domain)}`);
	return terms;
}

export function domainMentions(terms: Term[], field: string): boolean {
	return terms.some((term) => Array.isArray(term) && term[0].split('.')[0] === field);
}

/**
 * Reads a (possibly dotted) path on a row: the values reached, many2one as ids, or as display
 * names when `asNames` (a many2one compared with a string, as Odoo does with a name search).
 */
export type PathReader = (
	env: Env,
	model: string,
	row: Row,
	path: string[],
	asNames: boolean,
) => PyValue[];

/** Evaluates prefix notation right to left; leftover operands are AND-ed (Odoo's implicit `&`). */
export function matches(
	env: Env,
	model: string,
	row: Row,
	terms: Term[],
	readPath: PathReader,
): boolean {
	const stack: boolean[] = [];
	for (let index = terms.length - 1; index >= 0; index--) {
		const term = terms[index];
		if (term === '!') stack.push(!stack.pop());
		else if (term === '&') stack.push(Boolean(stack.pop()) && Boolean(stack.pop()));
		else if (term === '|') {
			const left = Boolean(stack.pop());
			const right = Boolean(stack.pop());
			stack.push(left || right);
		} else {
			const [path, operator, value] = term;
			const values = readPath(env, model, row, path.split('.'), typeof value === 'string');
			stack.push(leaf(values, operator, value));
		}
	}
	return stack.every(Boolean);
}

function isEmpty(value: PyValue): boolean {
	return (
		value === false ||
		value === null ||
		value === '' ||
		(Array.isArray(value) && value.length === 0)
	);
}

/** Any value reached by the path satisfies the leaf (x2many and dotted paths behave like Odoo's "any"). */
function leaf(values: PyValue[], operator: string, expected: PyValue): boolean {
	const candidates = values.length === 0 ? [false] : values;
	switch (operator) {
		case '=':
			return candidates.some((value) => equals(value, expected));
		case '!=':
			return !candidates.some((value) => equals(value, expected));
		case 'in':
			return candidates.some((value) => asList(expected).some((item) => equals(value, item)));
		case 'not in':
			return !candidates.some((value) => asList(expected).some((item) => equals(value, item)));
		case '<':
		case '<=':
		case '>':
		case '>=':
			return candidates.some((value) => compare(value, operator, expected));
		case 'like':
		case 'ilike':
		case '=like':
		case '=ilike':
			return candidates.some((value) => like(value, operator, expected));
		case 'not like':
			return !candidates.some((value) => like(value, 'like', expected));
		case 'not ilike':
			return !candidates.some((value) => like(value, 'ilike', expected));
		default:
			return false;
	}
}

function asList(value: PyValue): PyValue[] {
	return Array.isArray(value) ? value : [value];
}

function equals(value: PyValue, expected: PyValue): boolean {
	if (expected === false || expected === null) return isEmpty(value);
	if (isEmpty(value)) return false;
	if (Array.isArray(value)) return value.some((item) => equals(item, expected));
	return value === expected;
}

function compare(value: PyValue, operator: string, expected: PyValue): boolean {
	if (isEmpty(value) || isEmpty(expected)) return false;
	if (typeof value !== typeof expected) return false;
	const left = value as string | number;
	const right = expected as string | number;
	switch (operator) {
		case '<':
			return left < right;
		case '<=':
			return left <= right;
		case '>':
			return left > right;
		default:
			return left >= right;
	}
}

function like(value: PyValue, operator: string, pattern: PyValue): boolean {
	if (isEmpty(value) || typeof value !== 'string') return false;
	const text = String(pattern);
	const wildcard = text
		.split('')
		.map((char) =>
			char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
		)
		.join('');
	const exact = operator.startsWith('=');
	const source = exact ? `^${wildcard}$` : wildcard;
	return new RegExp(source, operator.endsWith('ilike') ? 'is' : 's').test(value);
}
