import type { IExecuteFunctions } from 'n8n-workflow';

/** `={{ $json.field }}`: the whole parameter is one field of the input item. */
const ITEM_FIELD = /^=\{\{\s*\$json\.([A-Za-z_$][\w$]*)\s*\}\}$/;

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/**
 * Reads a parameter for every item of a large input without an expression evaluation per item where
 * none is needed (each one is costly in n8n's expression engine): a parameter without any expression
 * is read once; `={{ $json.field }}` (the URL, name and equipment defaults) is the item's field, as
 * the engine would return it for a plain value. Any other expression is evaluated per item as usual.
 */
export function itemParameter<T = unknown>(
	context: IExecuteFunctions,
	name: string,
	fallback: T,
): (itemIndex: number) => T {
	const raw = context.getNodeParameter(name, 0, fallback, { rawExpressions: true }) as unknown;
	const perItem = (itemIndex: number) => context.getNodeParameter(name, itemIndex, fallback) as T;
	if (!hasExpression(raw)) {
		let value: { read: T } | undefined;
		return () => (value ??= { read: perItem(0) }).read;
	}
	const field = typeof raw === 'string' ? ITEM_FIELD.exec(raw.trim())?.[1] : undefined;
	if (!field) return perItem;
	const items = context.getInputData();
	return (itemIndex) => {
		const value = items[itemIndex]?.json[field];
		// Objects go through the engine, which may convert them (dates, for one).
		return typeof value === 'object' && value !== null ? perItem(itemIndex) : (value as T);
	};
}
