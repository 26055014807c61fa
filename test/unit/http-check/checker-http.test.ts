import { performance } from 'node:perf_hooks';

import { checkService, MAX_BODY_BYTES, type CheckOptions } from '../../../nodes/shared/http-check';
import { InvalidParameterError } from '../../../nodes/shared/errors';
import {
	AUTH_PASSWORD,
	AUTH_USER,
	closedPort,
	startHttpServer,
	type TestServer,
} from '../../support/servers';

// Plain HTTP against the loopback server: no upgrade, no retries unless a test asks for them.
const plain: Partial<CheckOptions> = { upgradeToHttps: false, retries: 0, retryDelayMs: 0 };

let server: TestServer;

beforeAll(async () => {
	server = await startHttpServer();
});

afterAll(async () => {
	await server.close();
});

beforeEach(() => server.resetStats());

const requestsTo = (prefix: string) =>
	server.requests.filter((request) => request.path.startsWith(prefix));

describe('checkService over plain HTTP', () => {
	it('reports a 200 as ok with the full result shape', async () => {
		const before = Date.now();
		const result = await checkService(server.url('/ok'), plain);

		expect(result).toMatchObject({
			url: server.url('/ok'),
			checkedUrl: server.url('/ok'),
			ok: true,
			statusCode: 200,
			error: null,
			attempts: 1,
			redirects: [],
			certificate: null,
			degraded: false,
		});
		expect(result.warnings).toBeUndefined();
		expect(Date.parse(result.checkedAt)).toBeGreaterThanOrEqual(before - 1);
		expect(result.checkedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(result.responseTimeMs).toBeGreaterThanOrEqual(0);
		// 127.0.0.1 needs no lookup and plain HTTP no handshake: those phases are null.
		expect(result.timings.dns).toBeNull();
		expect(result.timings.tls).toBeNull();
		for (const phase of ['tcp', 'firstByte', 'download', 'total'] as const) {
			expect(typeof result.timings[phase]).toBe('number');
		}
	});

	it.each([404, 500, 503])(
		'reports HTTP %i as UNEXPECTED_STATUS with the accepted list',
		async (status) => {
			const result = await checkService(server.url(`/status/${status}`), plain);
			expect(result.ok).toBe(false);
			expect(result.statusCode).toBe(status);
			expect(result.error?.code).toBe('UNEXPECTED_STATUS');
			expect(result.error?.message).toContain(String(status));
			expect(result.error?.message).toContain('accepted: 200');
		},
	);

	it('accepts codes from the configured ranges only', async () => {
		const options = { ...plain, acceptedStatusCodes: '200-299,404' };
		expect((await checkService(server.url('/status/404'), options)).ok).toBe(true);
		expect((await checkService(server.url('/status/204'), options)).ok).toBe(true);
		const rejected = await checkService(server.url('/status/503'), options);
		expect(rejected.ok).toBe(false);
		expect(rejected.error?.message).toContain('accepted: 200-299, 404');
	});

	it('follows a 301 chain and reports every hop', async () => {
		const result = await checkService(server.url('/redirect/3?code=301'), plain);
		expect(result.ok).toBe(true);
		expect(result.statusCode).toBe(200);
		expect(result.redirects).toEqual([
			{ url: server.url('/redirect/3?code=301'), statusCode: 301 },
			{ url: server.url('/redirect/2?code=301'), statusCode: 301 },
			{ url: server.url('/redirect/1?code=301'), statusCode: 301 },
		]);
		expect(requestsTo('/redirect')).toHaveLength(4);
	});

	it('follows 302 redirects too', async () => {
		const result = await checkService(server.url('/redirect/1?code=302'), plain);
		expect(result.ok).toBe(true);
		expect(result.redirects).toEqual([
			{ url: server.url('/redirect/1?code=302'), statusCode: 302 },
		]);
	});

	it('stops a redirect loop with TOO_MANY_REDIRECTS after maxRedirects', async () => {
		const result = await checkService(server.url('/loop/a'), plain);
		expect(result.ok).toBe(false);
		expect(result.error?.code).toBe('TOO_MANY_REDIRECTS');
		expect(result.error?.message).toMatch(/after 10 redirects.*loop/);
		expect(result.statusCode).toBe(302);
		// The 10 followed redirects plus the one that was refused.
		expect(result.redirects).toHaveLength(11);
		expect(requestsTo('/loop')).toHaveLength(11);
	});

	it('honours maxRedirects for a chain that is merely long', async () => {
		const short = await checkService(server.url('/redirect/3'), { ...plain, maxRedirects: 2 });
		expect(short.error?.code).toBe('TOO_MANY_REDIRECTS');
		expect(short.error?.message).not.toMatch(/loop/);
		expect(short.redirects).toHaveLength(3);
		expect((await checkService(server.url('/redirect/3'), { ...plain, maxRedirects: 3 })).ok).toBe(
			true,
		);
	});

	it('reports the redirect itself when following is off', async () => {
		const result = await checkService(server.url('/redirect/1?code=301'), {
			...plain,
			followRedirects: false,
		});
		expect(result.statusCode).toBe(301);
		expect(result.error?.code).toBe('UNEXPECTED_STATUS');
		expect(result.redirects).toEqual([]);
		expect(requestsTo('/redirect')).toHaveLength(1);

		const accepted = await checkService(server.url('/redirect/1?code=301'), {
			...plain,
			followRedirects: false,
			acceptedStatusCodes: '200,301',
		});
		expect(accepted.ok).toBe(true);
	});

	it('gets 401 without credentials and 200 with Basic auth, sending the password verbatim', async () => {
		const anonymous = await checkService(server.url('/auth'), plain);
		expect(anonymous.statusCode).toBe(401);
		expect(anonymous.error?.code).toBe('UNEXPECTED_STATUS');

		const wrong = await checkService(server.url('/auth'), {
			...plain,
			auth: { user: AUTH_USER, password: 'nope' },
		});
		expect(wrong.statusCode).toBe(401);

		const authed = await checkService(server.url('/auth'), {
			...plain,
			auth: { user: AUTH_USER, password: AUTH_PASSWORD },
		});
		expect(authed.ok).toBe(true);
		expect(authed.statusCode).toBe(200);
		expect(server.requests.at(-1)?.headers.authorization).toBe(
			`Basic ${Buffer.from(`${AUTH_USER}:${AUTH_PASSWORD}`, 'utf8').toString('base64')}`,
		);
	});

	it('never reports credentials in the redirect chain', async () => {
		const result = await checkService(server.url('/redirect/2'), {
			...plain,
			auth: { user: AUTH_USER, password: AUTH_PASSWORD },
		});
		expect(result.ok).toBe(true);
		expect(result.redirects).toHaveLength(2);
		for (const hop of result.redirects) {
			expect(hop.url).not.toContain('@');
			expect(hop.url).not.toContain(AUTH_USER);
		}
	});

	it('checks that the body contains a keyword', async () => {
		expect(
			(await checkService(server.url('/page'), { ...plain, bodyMustContain: 'Welcome to Odoo' }))
				.ok,
		).toBe(true);
		const missing = await checkService(server.url('/page'), {
			...plain,
			bodyMustContain: 'Dashboard',
		});
		expect(missing.ok).toBe(false);
		expect(missing.statusCode).toBe(200);
		expect(missing.error).toEqual({
			code: 'KEYWORD_MISSING',
			message: 'The response body does not contain "Dashboard"',
		});
	});

	it('checks that the body does not contain a keyword', async () => {
		expect(
			(await checkService(server.url('/page'), { ...plain, bodyMustNotContain: 'Traceback' })).ok,
		).toBe(true);
		const found = await checkService(server.url('/page'), {
			...plain,
			bodyMustNotContain: 'Login',
		});
		expect(found.ok).toBe(false);
		expect(found.error?.code).toBe('KEYWORD_FOUND');
		expect(found.error?.message).toContain('"Login"');
	});

	it('searches the decompressed body', async () => {
		const result = await checkService(server.url('/gzip'), {
			...plain,
			bodyMustContain: 'Welcome to Odoo',
		});
		expect(result.ok).toBe(true);
		expect(server.requests.at(-1)?.headers['accept-encoding']).toContain('gzip');
	});

	it('searches only the first MiB of a large body', async () => {
		const near = await checkService(server.url('/large?size=1000&tail=NEEDLE'), {
			...plain,
			bodyMustContain: 'NEEDLE',
		});
		expect(near.ok).toBe(true);

		const far = await checkService(
			server.url(`/large?size=${MAX_BODY_BYTES + 512 * 1024}&tail=NEEDLE`),
			{
				...plain,
				bodyMustContain: 'NEEDLE',
			},
		);
		expect(far.ok).toBe(false);
		expect(far.error?.code).toBe('KEYWORD_MISSING');
		expect(far.error?.message).toContain(`only the first ${MAX_BODY_BYTES} bytes`);
	});

	it('reports a bad status before looking at keywords', async () => {
		const result = await checkService(server.url('/status/500'), {
			...plain,
			bodyMustContain: 'anything',
		});
		expect(result.error?.code).toBe('UNEXPECTED_STATUS');
	});

	it('sends HEAD when asked and judges the status alone', async () => {
		const ok = await checkService(server.url('/ok'), { ...plain, method: 'HEAD' });
		expect(ok.ok).toBe(true);
		expect(ok.statusCode).toBe(200);
		expect(server.requests.at(-1)?.method).toBe('HEAD');

		const notFound = await checkService(server.url('/status/404'), { ...plain, method: 'HEAD' });
		expect(notFound.error?.code).toBe('UNEXPECTED_STATUS');
		expect(server.requests.at(-1)?.method).toBe('HEAD');
	});

	it('sends custom headers and identifies itself', async () => {
		await checkService(server.url('/ok'), { ...plain, headers: { 'X-Odoo-Check': 'yes' } });
		const { headers } = server.requests.at(-1)!;
		expect(headers['x-odoo-check']).toBe('yes');
		expect(headers['user-agent']).toContain('n8n-nodes-odoo-maintenance');
	});

	it('checks the health path instead of the configured path', async () => {
		const result = await checkService(server.url('/web/login?db=prod'), {
			...plain,
			healthPath: '/ok',
		});
		expect(result.ok).toBe(true);
		expect(result.url).toBe(server.url('/web/login?db=prod'));
		expect(result.checkedUrl).toBe(server.url('/ok'));
		expect(server.requests.map((request) => request.path)).toEqual(['/ok']);
	});

	it('marks a slow but successful response as degraded', async () => {
		const slow = await checkService(server.url('/slow?delay=300'), {
			...plain,
			degradedAboveMs: 100,
		});
		expect(slow.ok).toBe(true);
		expect(slow.degraded).toBe(true);
		expect(slow.responseTimeMs).toBeGreaterThanOrEqual(290);
		expect(slow.timings.firstByte).toBeGreaterThanOrEqual(250);

		const fast = await checkService(server.url('/ok'), { ...plain, degradedAboveMs: 5000 });
		expect(fast.degraded).toBe(false);
	});

	it('never marks a failed check as degraded', async () => {
		const result = await checkService(server.url('/hang'), {
			...plain,
			timeoutMs: 150,
			degradedAboveMs: 10,
		});
		expect(result.ok).toBe(false);
		expect(result.degraded).toBe(false);
	});

	it('times out a server that never answers with ETIMEDOUT and status -1', async () => {
		const started = performance.now();
		const result = await checkService(server.url('/hang'), { ...plain, timeoutMs: 300 });
		const elapsed = performance.now() - started;

		expect(result.ok).toBe(false);
		expect(result.statusCode).toBe(-1);
		expect(result.error?.code).toBe('ETIMEDOUT');
		expect(result.error?.message).toBe(
			'No complete response within 300 ms (timed out waiting for the response)',
		);
		expect(elapsed).toBeGreaterThanOrEqual(290);
		expect(elapsed).toBeLessThan(3000);
		expect(result.timings.firstByte).toBeNull();
	});

	it('reports a refused connection as ECONNREFUSED with status -1', async () => {
		const port = await closedPort();
		const result = await checkService(`http://127.0.0.1:${port}/`, plain);
		expect(result.ok).toBe(false);
		expect(result.statusCode).toBe(-1);
		expect(result.error?.code).toBe('ECONNREFUSED');
		expect(result.error?.message).toContain(String(port));
		expect(result.timings.tcp).toBeNull();
	});

	it('reports an unresolvable name as ENOTFOUND with status -1', async () => {
		// .invalid is reserved (RFC 2606) and never resolves.
		const result = await checkService('http://odoo-check-does-not-exist.invalid/', plain);
		expect(result.ok).toBe(false);
		expect(result.statusCode).toBe(-1);
		expect(result.error?.code).toBe('ENOTFOUND');
		expect(result.error?.message).toContain('odoo-check-does-not-exist.invalid');
	});

	it('reports a connection dropped before any response as ECONNRESET', async () => {
		const result = await checkService(server.url('/reset'), plain);
		expect(result.statusCode).toBe(-1);
		expect(result.error?.code).toBe('ECONNRESET');
	});

	it('retries a failed attempt so a single blip does not report a failure', async () => {
		const result = await checkService(server.url('/flaky/once?fail=1'), {
			...plain,
			retries: 1,
			retryDelayMs: 20,
		});
		expect(result.ok).toBe(true);
		expect(result.attempts).toBe(2);
		expect(requestsTo('/flaky/once')).toHaveLength(2);
	});

	it('gives up after retries + 1 attempts, waiting retryDelayMs between them', async () => {
		const started = performance.now();
		const result = await checkService(server.url('/status/503'), {
			...plain,
			retries: 2,
			retryDelayMs: 100,
		});
		expect(result.ok).toBe(false);
		expect(result.attempts).toBe(3);
		expect(requestsTo('/status/503')).toHaveLength(3);
		expect(performance.now() - started).toBeGreaterThanOrEqual(190);
	});

	it('retries network failures too', async () => {
		const port = await closedPort();
		const result = await checkService(`http://127.0.0.1:${port}/`, {
			...plain,
			retries: 2,
			retryDelayMs: 0,
		});
		expect(result.error?.code).toBe('ECONNREFUSED');
		expect(result.attempts).toBe(3);
	});

	it('does not retry a success', async () => {
		const result = await checkService(server.url('/ok'), { ...plain, retries: 3 });
		expect(result.attempts).toBe(1);
		expect(server.requests).toHaveLength(1);
	});

	it('follows a flapping service from one check to the next on fresh connections', async () => {
		const url = server.url('/flip/service-a');
		server.setFlipStatus('service-a', 500);
		expect((await checkService(url, plain)).statusCode).toBe(500);
		server.setFlipStatus('service-a', 200);
		expect((await checkService(url, plain)).ok).toBe(true);
		server.setFlipStatus('service-a', 503);
		expect((await checkService(url, plain)).ok).toBe(false);
		expect(server.connections).toBe(3);
	});

	it('upgrades http to https by default (the Odoo module behaviour)', async () => {
		// The plain server cannot speak TLS, so the upgraded check fails: proof it used https.
		const result = await checkService(server.url('/ok'), { retries: 0, timeoutMs: 2000 });
		expect(result.checkedUrl).toBe(server.url('/ok').replace('http://', 'https://'));
		expect(result.ok).toBe(false);
		expect(result.statusCode).toBe(-1);
		expect(result.error?.code).toBe('TLS_ERROR');
		expect(result.error?.message).toBe(
			'TLS handshake failed: wrong version number (EPROTO); the port may not serve HTTPS',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('uses the injected clock for checkedAt', async () => {
		const result = await checkService(server.url('/ok'), plain, {
			now: () => Date.parse('2030-01-02T03:04:05Z'),
		});
		expect(result.checkedAt).toBe('2030-01-02T03:04:05.000Z');
	});

	it('turns a bad URL into an INVALID_URL result without any request', async () => {
		const result = await checkService('ftp://files.example.com/', plain);
		expect(result).toMatchObject({
			url: 'ftp://files.example.com/',
			checkedUrl: null,
			ok: false,
			statusCode: -1,
			attempts: 0,
			error: { code: 'INVALID_URL' },
		});
		expect((await checkService(undefined, plain)).error?.message).toMatch(/missing/);
		expect(server.requests).toHaveLength(0);
	});

	it('throws InvalidParameterError for invalid options', async () => {
		await expect(checkService(server.url('/ok'), { timeoutMs: -1 })).rejects.toMatchObject({
			name: 'InvalidParameterError',
			parameter: 'timeoutMs',
		});
		await expect(
			checkService(server.url('/ok'), { acceptedStatusCodes: 'abc' }),
		).rejects.toBeInstanceOf(InvalidParameterError);
	});
});
