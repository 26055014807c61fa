import {
	escapeHtml,
	htmlJoin,
	htmlList,
	htmlParagraph,
	trustedHtml,
} from '../../../nodes/shared/odoo/html';

describe('html helpers', () => {
	it('escapes the five HTML-special characters', () => {
		expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe(
			'&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;',
		);
	});

	it('builds a paragraph with escaped text and line breaks', () => {
		expect(htmlParagraph('2 services KO on <srv>:\nsee below')).toBe(
			'<p>2 services KO on &lt;srv&gt;:<br>see below</p>',
		);
	});

	it('builds a list of escaped items, and nothing for no items', () => {
		expect(htmlList(['https://a.example.test/ : HTTP 503', 'b & c'])).toBe(
			'<ul><li>https://a.example.test/ : HTTP 503</li><li>b &amp; c</li></ul>',
		);
		expect(htmlList([])).toBe('');
	});

	it('joins fragments into one description', () => {
		const description = htmlJoin(
			htmlParagraph('2 services KO on srv-01:'),
			htmlList(['a: HTTP 503', 'b: timeout']),
			trustedHtml('<hr>'),
		);
		expect(description).toBe(
			'<p>2 services KO on srv-01:</p><ul><li>a: HTTP 503</li><li>b: timeout</li></ul><hr>',
		);
	});
});
