import type { PeerCertificate } from 'node:tls';

import type { CertificateInfo, CheckError, CheckWarning } from './types';

const DAY_MS = 86_400_000;

type DistinguishedName = Record<string, string | string[] | undefined> | undefined;

function formatName(name: DistinguishedName): string {
	if (!name) return '';
	return Object.entries(name)
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
		.join(', ');
}

/** Null when there was no certificate (plain HTTP, or the handshake did not get that far). */
export function toCertificateInfo(
	cert: PeerCertificate | null | undefined,
	nowMs: number,
): CertificateInfo | null {
	if (!cert || typeof cert.valid_to !== 'string') return null;
	const validToMs = Date.parse(cert.valid_to);
	if (Number.isNaN(validToMs)) return null;
	return {
		validTo: new Date(validToMs).toISOString(),
		daysRemaining: Math.floor((validToMs - nowMs) / DAY_MS),
		issuer: formatName(cert.issuer as DistinguishedName),
		subject: formatName(cert.subject as DistinguishedName),
	};
}

export function isExpired(cert: CertificateInfo, nowMs: number): boolean {
	return Date.parse(cert.validTo) <= nowMs;
}

export function expiredError(cert: CertificateInfo): CheckError {
	const ago = -cert.daysRemaining - 1;
	return {
		code: 'CERT_EXPIRED',
		message: `TLS certificate for ${cert.subject || 'the server'} expired on ${cert.validTo} (${ago} day${ago === 1 ? '' : 's'} ago)`,
	};
}

export function expiryWarning(
	cert: CertificateInfo,
	nowMs: number,
	warningDays: number,
): CheckWarning | null {
	const remainingMs = Date.parse(cert.validTo) - nowMs;
	if (remainingMs <= 0 || remainingMs >= warningDays * DAY_MS) return null;
	return {
		code: 'CERT_EXPIRING',
		message: `TLS certificate for ${cert.subject || 'the server'} expires on ${cert.validTo} (in ${cert.daysRemaining} day${cert.daysRemaining === 1 ? '' : 's'}, warning threshold ${warningDays} days)`,
	};
}
