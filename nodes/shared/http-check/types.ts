/** Node's network error codes, reported as they are. */
export const NETWORK_ERROR_CODES = [
	'ETIMEDOUT',
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
] as const;

/** Every code a check can report; the README's list of `check.error` codes is this list. */
export const CHECK_ERROR_CODES = [
	...NETWORK_ERROR_CODES,
	'CERT_EXPIRED',
	'CERT_INVALID',
	'TLS_ERROR',
	'TOO_MANY_REDIRECTS',
	'INVALID_REDIRECT',
	'INVALID_RESPONSE',
	'UNEXPECTED_STATUS',
	'KEYWORD_MISSING',
	'KEYWORD_FOUND',
	'INVALID_URL',
	'REQUEST_FAILED',
] as const;

export type CheckErrorCode = (typeof CHECK_ERROR_CODES)[number];

export type CheckError = {
	code: CheckErrorCode;
	message: string;
};

/** Reported without failing the check. */
export type CheckWarning = {
	code: 'CERT_EXPIRING';
	message: string;
};

/**
 * Phase durations in milliseconds for the last request of the final attempt (the last redirect
 * hop). `null` means the phase did not happen: `dns` for an IP-literal host, `tls` for plain HTTP,
 * and every phase after the point where a request failed. `total` is always a number.
 */
export type CheckTimings = {
	dns: number | null;
	tcp: number | null;
	tls: number | null;
	firstByte: number | null;
	download: number | null;
	total: number;
};

export type RedirectHop = {
	url: string;
	statusCode: number;
};

export type CertificateInfo = {
	/** ISO 8601 UTC. */
	validTo: string;
	/** Whole days until expiry, rounded down; negative once expired. */
	daysRemaining: number;
	issuer: string;
	subject: string;
};

export type CheckResult = {
	/** The URL as given. */
	url: string;
	/** The URL actually requested (after https upgrade and health path); null when invalid. */
	checkedUrl: string | null;
	ok: boolean;
	/** Status of the final response; -1 when no HTTP response was received. */
	statusCode: number;
	error: CheckError | null;
	/** Wall time of the final attempt including redirects, in ms. */
	responseTimeMs: number;
	timings: CheckTimings;
	attempts: number;
	redirects: RedirectHop[];
	certificate: CertificateInfo | null;
	degraded: boolean;
	/** ISO 8601 UTC time at which the check started. */
	checkedAt: string;
	warnings?: CheckWarning[];
};
