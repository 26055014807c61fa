import { buildTarget } from '../../../nodes/shared/http-check';

const upgrade = { upgradeToHttps: true };
const keep = { upgradeToHttps: false };

function urlOf(result: ReturnType<typeof buildTarget>): string {
	if (!result.ok) throw new Error(`expected a URL, got ${result.error.message}`);
	return result.url;
}

describe('buildTarget', () => {
	it('upgrades http to https by default-style option, keeping host, explicit port, path and query', () => {
		expect(urlOf(buildTarget('http://odoo.example.com/web?db=prod', upgrade))).toBe(
			'https://odoo.example.com/web?db=prod',
		);
		expect(urlOf(buildTarget('http://odoo.example.com:8069/web', upgrade))).toBe(
			'https://odoo.example.com:8069/web',
		);
		// Port 80 was the implicit http port, so it becomes the implicit https one.
		expect(urlOf(buildTarget('http://odoo.example.com:80/', upgrade))).toBe(
			'https://odoo.example.com/',
		);
	});

	it('leaves http alone when the upgrade is off and https alone always', () => {
		expect(urlOf(buildTarget('http://odoo.example.com/', keep))).toBe('http://odoo.example.com/');
		expect(urlOf(buildTarget('https://odoo.example.com/', upgrade))).toBe(
			'https://odoo.example.com/',
		);
	});

	it('trims surrounding whitespace', () => {
		expect(urlOf(buildTarget('  https://odoo.example.com/  ', keep))).toBe(
			'https://odoo.example.com/',
		);
	});

	it('replaces the path with the health path and drops the query and fragment', () => {
		expect(
			urlOf(
				buildTarget('https://odoo.example.com:8443/web/login?db=x#top', {
					...keep,
					healthPath: '/health',
				}),
			),
		).toBe('https://odoo.example.com:8443/health');
	});

	it('keeps the health path query when it has one', () => {
		expect(
			urlOf(
				buildTarget('https://odoo.example.com/web?db=x', {
					...keep,
					healthPath: '/web/health?full=1',
				}),
			),
		).toBe('https://odoo.example.com/web/health?full=1');
	});

	it('treats a health path without a leading slash as rooted', () => {
		expect(
			urlOf(buildTarget('https://odoo.example.com/a/b', { ...keep, healthPath: 'health' })),
		).toBe('https://odoo.example.com/health');
	});

	it('applies both the upgrade and the health path', () => {
		expect(
			urlOf(
				buildTarget('http://10.0.0.5:8069/web', { upgradeToHttps: true, healthPath: '/health' }),
			),
		).toBe('https://10.0.0.5:8069/health');
	});

	it.each([
		[undefined, /missing/],
		[null, /missing/],
		['', /missing/],
		['   ', /missing/],
		[42, /must be a string, got number/],
		[{ url: 'https://x' }, /must be a string, got object/],
		['ftp://files.example.com/', /uses ftp; only http and https/],
		['mailto:ops@example.com', /must start with http:\/\/ or https:\/\//],
		['odoo.example.com:8069', /must start with http:\/\/ or https:\/\//],
		['odoo.example.com', /must start with http:\/\/ or https:\/\//],
		['https://exa mple.com/', /is malformed/],
		['http://', /is malformed/],
		['https://[::1/', /is malformed/],
	])('reports %j as INVALID_URL without throwing', (input, message) => {
		const result = buildTarget(input, upgrade);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.code).toBe('INVALID_URL');
		expect(result.error.message).toMatch(message);
	});
});
