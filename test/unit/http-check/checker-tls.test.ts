import * as tls from 'node:tls';

import { checkService, type CheckOptions } from '../../../nodes/shared/http-check';
import {
	createTlsFixtures,
	startHttpsServer,
	startSilentServer,
	type TestServer,
	type TlsFixtures,
} from '../../support/servers';

const once: Partial<CheckOptions> = { retries: 0 };
const unverified: Partial<CheckOptions> = { retries: 0, verifyTls: false };

let fixtures: TlsFixtures;
let defaultCas: string[];
const servers: Record<'selfSigned' | 'valid' | 'expired' | 'expiring' | 'wrongHost', TestServer> =
	{} as never;

/** Trust the test CA the way a system store would, so verification can succeed. */
function trustTestCa(trusted: boolean): void {
	tls.setDefaultCACertificates(trusted ? [...defaultCas, fixtures.ca] : defaultCas);
}

beforeAll(async () => {
	fixtures = createTlsFixtures(3);
	defaultCas = tls.getCACertificates('default');
	trustTestCa(true);
	for (const name of ['selfSigned', 'valid', 'expired', 'expiring', 'wrongHost'] as const) {
		servers[name] = await startHttpsServer({ key: fixtures.key, cert: fixtures[name] });
	}
});

afterAll(async () => {
	tls.setDefaultCACertificates(defaultCas);
	await Promise.all(Object.values(servers).map((server) => server.close()));
	fixtures.cleanup();
});

beforeEach(() => {
	for (const server of Object.values(servers)) server.resetStats();
});

describe('checkService over HTTPS', () => {
	it('passes a trusted certificate with verification on and reports it', async () => {
		const result = await checkService(servers.valid.url('/ok'), once);
		expect(result.ok).toBe(true);
		expect(result.error).toBeNull();
		expect(result.warnings).toBeUndefined();
		expect(result.certificate).toEqual({
			validTo: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
			// Valid for 3650 days from generation, a moment ago: 3649 whole days are left.
			daysRemaining: 3649,
			issuer: 'CN=http-check test CA',
			subject: 'CN=localhost',
		});
		expect(Date.parse(result.certificate!.validTo)).toBeGreaterThan(Date.now() + 3649 * 86_400_000);
		expect(typeof result.timings.tls).toBe('number');
		expect(typeof result.timings.tcp).toBe('number');
	});

	it('verifies the name too: localhost resolves and matches', async () => {
		const result = await checkService(
			servers.valid.url('/ok').replace('127.0.0.1', 'localhost'),
			once,
		);
		expect(result.ok).toBe(true);
		expect(typeof result.timings.dns).toBe('number');
	});

	it('rejects a self-signed certificate with CERT_INVALID before sending the request', async () => {
		const result = await checkService(servers.selfSigned.url('/ok'), once);
		expect(result.ok).toBe(false);
		expect(result.statusCode).toBe(-1);
		expect(result.error?.code).toBe('CERT_INVALID');
		expect(result.error?.message).toContain('self-signed');
		expect(result.certificate?.issuer).toBe('CN=localhost');
		expect(servers.selfSigned.requests).toHaveLength(0);
	});

	it('accepts a self-signed certificate with verification off', async () => {
		const result = await checkService(servers.selfSigned.url('/ok'), unverified);
		expect(result.ok).toBe(true);
		expect(result.statusCode).toBe(200);
		expect(result.certificate?.subject).toBe('CN=localhost');
	});

	it('rejects a certificate for another host name with CERT_INVALID naming the mismatch', async () => {
		const result = await checkService(servers.wrongHost.url('/ok'), once);
		expect(result.error?.code).toBe('CERT_INVALID');
		expect(result.error?.message).toContain('hostname mismatch');
		expect(result.error?.message).toContain('127.0.0.1');
		expect((await checkService(servers.wrongHost.url('/ok'), unverified)).ok).toBe(true);
	});

	it('reports an expired certificate as CERT_EXPIRED with verification on', async () => {
		const result = await checkService(servers.expired.url('/ok'), once);
		expect(result.ok).toBe(false);
		expect(result.statusCode).toBe(-1);
		expect(result.error?.code).toBe('CERT_EXPIRED');
		expect(result.error?.message).toContain('expired on 2020-02-01T00:00:00.000Z');
		expect(result.certificate?.validTo).toBe('2020-02-01T00:00:00.000Z');
		expect(result.certificate?.daysRemaining).toBeLessThan(0);
		expect(servers.expired.requests).toHaveLength(0);
	});

	it('reports an expired certificate as CERT_EXPIRED even when the issuer is untrusted', async () => {
		trustTestCa(false);
		try {
			const result = await checkService(servers.expired.url('/ok'), once);
			expect(result.error?.code).toBe('CERT_EXPIRED');
			// The same issuer with a valid certificate is an ordinary trust failure.
			expect((await checkService(servers.valid.url('/ok'), once)).error?.code).toBe('CERT_INVALID');
		} finally {
			trustTestCa(true);
		}
	});

	it('still fails an expired certificate when verification is off', async () => {
		const result = await checkService(servers.expired.url('/ok'), unverified);
		expect(result.ok).toBe(false);
		expect(result.error?.code).toBe('CERT_EXPIRED');
		// The exchange itself happened: its status is reported.
		expect(result.statusCode).toBe(200);
		expect(servers.expired.requests).toHaveLength(1);
	});

	it('warns about a certificate expiring soon but stays ok', async () => {
		for (const options of [once, unverified]) {
			const result = await checkService(servers.expiring.url('/ok'), options);
			expect(result.ok).toBe(true);
			expect(result.error).toBeNull();
			expect(result.certificate?.daysRemaining).toBe(fixtures.expiringInDays);
			expect(result.warnings).toEqual([
				{
					code: 'CERT_EXPIRING',
					message: expect.stringMatching(/expires on .* \(in 3 days, warning threshold 14 days\)/),
				},
			]);
		}
	});

	it('does not warn when the expiry is beyond the warning window', async () => {
		const narrow = await checkService(servers.expiring.url('/ok'), {
			...once,
			certExpiryWarningDays: 2,
		});
		expect(narrow.warnings).toBeUndefined();
		const off = await checkService(servers.expiring.url('/ok'), {
			...once,
			certExpiryWarningDays: 0,
		});
		expect(off.warnings).toBeUndefined();
	});

	it('upgrades an http URL to https and reports the URL it checked', async () => {
		const httpUrl = servers.valid.url('/ok').replace('https://', 'http://');
		const result = await checkService(httpUrl, once);
		expect(result.url).toBe(httpUrl);
		expect(result.checkedUrl).toBe(servers.valid.url('/ok'));
		expect(result.ok).toBe(true);
		expect(result.certificate).not.toBeNull();
		expect(servers.valid.requests).toHaveLength(1);
	});

	it('does a full handshake on a new connection for every check', async () => {
		for (let i = 0; i < 3; i++)
			expect((await checkService(servers.valid.url('/ok'), once)).ok).toBe(true);
		expect(servers.valid.connections).toBe(3);
		expect(servers.valid.requests.map((request) => request.tlsSessionReused)).toEqual([
			false,
			false,
			false,
		]);
	});

	it('times out a server that never completes the handshake', async () => {
		const silent = await startSilentServer();
		try {
			const result = await checkService(`https://127.0.0.1:${silent.port}/`, {
				...once,
				timeoutMs: 200,
			});
			expect(result.statusCode).toBe(-1);
			expect(result.error).toEqual({
				code: 'ETIMEDOUT',
				message: 'No complete response within 200 ms (timed out in the TLS handshake)',
			});
			expect(result.certificate).toBeNull();
		} finally {
			await silent.close();
		}
	});
});
