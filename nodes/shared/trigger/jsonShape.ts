/** Bodies nested deeper are refused: n8n walks execution data recursively and overflows its stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * Why a syntactically valid JSON text is refused, or undefined: nesting deeper than
 * {@link MAX_JSON_DEPTH}, or a key repeated in the top-level object (JSON.parse keeps the last
 * one silently; a repeated query parameter is refused too, so the body is not guessed either).
 */
export function jsonShapeProblem(text: string): string | undefined {
	const topKeys = new Set<string>();
	let depth = 0;
	let i = 0;
	while (i < text.length) {
		const char = text[i];
		if (char === '"') {
			const end = stringEnd(text, i);
			if (depth === 1 && isKey(text, end)) {
				const key = JSON.parse(text.slice(i, end)) as string;
				if (topKeys.has(key)) return `Key ${JSON.stringify(key)} is given more than once`;
				topKeys.add(key);
			}
			i = end;
			continue;
		}
		if (char === '{' || char === '[') {
			depth++;
			if (depth > MAX_JSON_DEPTH) {
				return `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`;
			}
		} else if (char === '}' || char === ']') {
			depth--;
		}
		i++;
	}
	return undefined;
}

/** Index just after the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
	let i = start + 1;
	while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
	return i + 1;
}

/** A string followed (after whitespace) by ":" is an object key. */
function isKey(text: string, after: number): boolean {
	let i = after;
	while (i < text.length && /\s/.test(text[i])) i++;
	return text[i] === ':';
}
