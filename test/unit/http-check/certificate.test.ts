import type { PeerCertificate } from 'node:tls';

import {
	expiryWarning,
	isExpired,
	toCertificateInfo,
} from '../../../nodes/shared/http-check/certificate';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

const peer = (validTo: string, extra: Partial<PeerCertificate> = {}) =>
	({
		valid_to: validTo,
		issuer: { C: 'FR', O: 'Example CA', CN: 'Example Issuing CA' },
		subject: { CN: 'odoo.example.com' },
		...extra,
	}) as unknown as PeerCertificate;

describe('certificate info', () => {
	it('converts the peer certificate with an ISO expiry and formatted names', () => {
		expect(toCertificateInfo(peer('Jun 11 12:00:00 2026 GMT'), NOW)).toEqual({
			validTo: '2026-06-11T12:00:00.000Z',
			daysRemaining: 10,
			issuer: 'C=FR, O=Example CA, CN=Example Issuing CA',
			subject: 'CN=odoo.example.com',
		});
	});

	it('joins multi-valued name parts', () => {
		const subject = { OU: ['a', 'b'], CN: 'x' } as unknown as PeerCertificate['subject'];
		expect(toCertificateInfo(peer('Jun 11 12:00:00 2026 GMT', { subject }), NOW)?.subject).toBe(
			'OU=a+b, CN=x',
		);
	});

	it('is null without a usable certificate (an unfinished handshake gives an empty object)', () => {
		expect(toCertificateInfo(null, NOW)).toBeNull();
		expect(toCertificateInfo({} as PeerCertificate, NOW)).toBeNull();
		expect(toCertificateInfo(peer('not a date'), NOW)).toBeNull();
	});

	it('rounds the remaining days down and goes negative once expired', () => {
		expect(toCertificateInfo(peer('Jun  2 11:59:59 2026 GMT'), NOW)?.daysRemaining).toBe(0);
		expect(toCertificateInfo(peer('Jun  1 11:00:00 2026 GMT'), NOW)?.daysRemaining).toBe(-1);
	});

	it('knows when a certificate has expired', () => {
		expect(isExpired(toCertificateInfo(peer('Jun  1 11:59:59 2026 GMT'), NOW)!, NOW)).toBe(true);
		expect(isExpired(toCertificateInfo(peer('Jun  1 12:00:01 2026 GMT'), NOW)!, NOW)).toBe(false);
	});

	it('warns strictly inside the warning window, never for an expired one', () => {
		const at = (ms: number) =>
			toCertificateInfo(peer(new Date(NOW + ms).toUTCString().replace(/^\w+, /, '')), NOW)!;
		expect(expiryWarning(at(13 * DAY), NOW, 14)?.code).toBe('CERT_EXPIRING');
		expect(expiryWarning(at(13 * DAY), NOW, 14)?.message).toContain(
			'in 13 days, warning threshold 14 days',
		);
		expect(expiryWarning(at(15 * DAY), NOW, 14)).toBeNull();
		expect(expiryWarning(at(-DAY), NOW, 14)).toBeNull();
	});
});
