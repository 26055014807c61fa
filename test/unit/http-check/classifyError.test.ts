import { classifyError } from '../../../nodes/shared/http-check/classifyError';
import type { CertificateInfo } from '../../../nodes/shared/http-check';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const expired: CertificateInfo = {
	validTo: '2026-05-20T00:00:00.000Z',
	daysRemaining: -12,
	issuer: 'CN=Internal CA',
	subject: 'CN=odoo.example.com',
};
const current: CertificateInfo = {
	...expired,
	validTo: '2027-05-20T00:00:00.000Z',
	daysRemaining: 352,
};

const error = (code: string, message = `failure ${code}`) =>
	Object.assign(new Error(message), { code });

describe('classifyError', () => {
	it.each([
		'ECONNREFUSED',
		'ECONNRESET',
		'ENOTFOUND',
		'EAI_AGAIN',
		'ETIMEDOUT',
		'EHOSTUNREACH',
		'ENETUNREACH',
	])('keeps the network code %s and its message', (code) => {
		expect(classifyError(error(code), null, NOW)).toEqual({ code, message: `failure ${code}` });
	});

	it('reports an expired certificate as CERT_EXPIRED whatever chain error OpenSSL picked', () => {
		for (const code of [
			'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			'CERT_HAS_EXPIRED',
		]) {
			const result = classifyError(error(code), expired, NOW);
			expect(result.code).toBe('CERT_EXPIRED');
			expect(result.message).toBe(
				'TLS certificate for CN=odoo.example.com expired on 2026-05-20T00:00:00.000Z (11 days ago)',
			);
		}
	});

	it('reports CERT_HAS_EXPIRED as CERT_EXPIRED even without the certificate', () => {
		expect(classifyError(error('CERT_HAS_EXPIRED', 'certificate has expired'), null, NOW)).toEqual({
			code: 'CERT_EXPIRED',
			message: 'TLS certificate has expired (certificate has expired)',
		});
	});

	it.each([
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'],
		['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in the chain'],
		['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'issuer is not trusted'],
		['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'issuer is not trusted'],
		['CERT_NOT_YET_VALID', 'not yet valid'],
	])('reports %s as CERT_INVALID naming the reason', (code, reason) => {
		const result = classifyError(error(code), current, NOW);
		expect(result.code).toBe('CERT_INVALID');
		expect(result.message).toContain(reason);
		expect(result.message).toContain(code);
	});

	it('keeps the name details of a hostname mismatch', () => {
		const message =
			"Hostname/IP does not match certificate's altnames: Host: odoo.example.com. is not in the cert's altnames: DNS:other.test";
		const result = classifyError(error('ERR_TLS_CERT_ALTNAME_INVALID', message), current, NOW);
		expect(result).toEqual({
			code: 'CERT_INVALID',
			message: `TLS certificate rejected: hostname mismatch (${message})`,
		});
	});

	it('reports other TLS failures as TLS_ERROR with the OpenSSL reason', () => {
		const message =
			'write EPROTO 40:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../deps/openssl/ssl/record/rec_layer_s3.c:908:\n';
		expect(classifyError(error('EPROTO', message), null, NOW)).toEqual({
			code: 'TLS_ERROR',
			message: 'TLS handshake failed: sslv3 alert handshake failure (EPROTO)',
		});
	});

	it('maps got redirect overflow to TOO_MANY_REDIRECTS', () => {
		expect(classifyError(error('ERR_TOO_MANY_REDIRECTS'), null, NOW).code).toBe(
			'TOO_MANY_REDIRECTS',
		);
	});

	it('maps a malformed response to INVALID_RESPONSE and a non-HTTP redirect to INVALID_REDIRECT', () => {
		expect(classifyError(error('HPE_INVALID_CONSTANT', 'Parse Error'), null, NOW)).toEqual({
			code: 'INVALID_RESPONSE',
			message: 'Malformed HTTP response: Parse Error (HPE_INVALID_CONSTANT)',
		});
		expect(
			classifyError(error('ERR_INVALID_PROTOCOL', 'Protocol "file:" not supported'), null, NOW)
				.code,
		).toBe('INVALID_REDIRECT');
	});

	it('falls back to REQUEST_FAILED and keeps the original code in the message', () => {
		expect(classifyError(error('EPIPE', 'write EPIPE'), null, NOW)).toEqual({
			code: 'REQUEST_FAILED',
			message: 'write EPIPE (EPIPE)',
		});
		expect(classifyError('boom', null, NOW)).toEqual({ code: 'REQUEST_FAILED', message: 'boom' });
	});
});
