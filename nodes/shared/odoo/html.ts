/** A string that is safe to send as Odoo HTML: built only by the helpers below. */
export type HtmlFragment = string & { readonly __html: unique symbol };

const ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

/** Marks an already safe HTML string (e.g. a constant tag) as a fragment. */
export function trustedHtml(html: string): HtmlFragment {
	return html as HtmlFragment;
}

/** `<p>text</p>`, the text escaped and its line breaks turned into `<br>`. */
export function htmlParagraph(text: string): HtmlFragment {
	return trustedHtml(`<p>${escapeLines(text)}</p>`);
}

/** `<ul><li>…</li></ul>` with each item escaped; an empty list gives an empty fragment. */
export function htmlList(items: readonly string[]): HtmlFragment {
	if (items.length === 0) return trustedHtml('');
	return trustedHtml(`<ul>${items.map((item) => `<li>${escapeLines(item)}</li>`).join('')}</ul>`);
}

/** Joins fragments, e.g. `htmlJoin(htmlParagraph('2 services KO:'), htmlList(lines))`. */
export function htmlJoin(...fragments: HtmlFragment[]): HtmlFragment {
	return trustedHtml(fragments.join(''));
}

function escapeLines(text: string): string {
	return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/** The text of an Odoo HTML field: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(value: unknown): string {
	if (!value) return '';
	return String(value)
		.replace(/<[^>]+>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}
