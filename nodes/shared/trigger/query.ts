export type QueryResult =
	{ ok: true; values: Record<string, string> } | { ok: false; message: string };

/**
 * The query string of a request URL as single string values. A parameter given more than once is
 * refused rather than guessing which value counts (`?id=1&id=2`); `a[b]=1` stays the key `a[b]`.
 */
export function parseQuery(url: string | undefined): QueryResult {
	const question = (url ?? '').indexOf('?');
	const values: Record<string, string> = {};
	if (question === -1) return { ok: true, values };
	let params: URLSearchParams;
	try {
		params = new URLSearchParams((url as string).slice(question + 1));
	} catch {
		return { ok: false, message: 'The query string cannot be decoded' };
	}
	for (const [key, value] of params) {
		if (Object.prototype.hasOwnProperty.call(values, key)) {
			return { ok: false, message: `Query parameter "${key}" is given more than once` };
		}
		// defineProperty: a key "__proto__" stays an ordinary key instead of touching the prototype.
		Object.defineProperty(values, key, {
			value,
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return { ok: true, values };
}
