/** Small pieces of Python behaviour the double needs to reproduce Odoo's texts byte for byte. */

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/** Python's `repr()` of a JSON value: `'text'`, `True`, `None`, `[1, 2]`, `{'a': 1}`. */
export function pyRepr(value: PyValue | undefined): string {
	if (value === undefined || value === null) return 'None';
	if (value === true) return 'True';
	if (value === false) return 'False';
	if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloat(value);
	if (typeof value === 'string') return pyStrRepr(value);
	if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
	return `{${Object.entries(value)
		.map(([key, item]) => `${pyStrRepr(key)}: ${pyRepr(item)}`)
		.join(', ')}}`;
}

export function pyStrRepr(text: string): string {
	const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
	const body = [...text]
		.map((char) => {
			if (char === '\\') return '\\\\';
			if (char === quote) return `\\${quote}`;
			if (char === '\n') return '\\n';
			if (char === '\r') return '\\r';
			if (char === '\t') return '\\t';
			const code = char.codePointAt(0) ?? 0;
			if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
			return char;
		})
		.join('');
	return `${quote}${body}${quote}`;
}

function pyFloat(value: number): string {
	const text = String(value);
	return /[.e]/.test(text) ? text : `${text}.0`;
}

/**
 * Python's `json.dumps(value, sort_keys=True)` (ensure_ascii, `", "` and `": "` separators),
 * or with `indent` the pretty form (`","` item separator), as Odoo builds webhook payloads.
 */
export function pyJsonDumps(value: PyValue, indent?: number): string {
	return dump(value, indent, 0);
}

function dump(value: PyValue, indent: number | undefined, level: number): string {
	if (value === null) return 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloat(value);
	if (typeof value === 'string') return asciiJson(value);
	const entries: Array<[string | undefined, PyValue]> = Array.isArray(value)
		? value.map((item) => [undefined, item])
		: Object.keys(value)
				.sort()
				.map((key) => [key, value[key]]);
	const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
	if (entries.length === 0) return `${open}${close}`;
	const items = entries.map(
		([key, item]) =>
			`${key === undefined ? '' : `${asciiJson(key)}: `}${dump(item, indent, level + 1)}`,
	);
	if (indent === undefined) return `${open}${items.join(', ')}${close}`;
	const pad = ' '.repeat(indent * (level + 1));
	const closePad = ' '.repeat(indent * level);
	return `${open}\n${items.map((item) => pad + item).join(',\n')}\n${closePad}${close}`;
}

function asciiJson(text: string): string {
	return JSON.stringify(text).replace(
		/[\u007f-\uffff]/g,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
