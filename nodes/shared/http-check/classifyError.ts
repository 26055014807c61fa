import { expiredError, isExpired } from './certificate';
import { NETWORK_ERROR_CODES, type CertificateInfo, type CheckError, type CheckErrorCode } from './types';

const PASS_THROUGH = new Set<string>(NETWORK_ERROR_CODES);

/** OpenSSL verification results as Node reports them, with a readable reason. */
const CERT_REASONS: Record<string, string> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
	SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'issuer is not trusted (incomplete chain?)',
	UNABLE_TO_GET_ISSUER_CERT: 'issuer certificate not found',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issuer is not trusted',
	CERT_UNTRUSTED: 'certificate is not trusted',
	CERT_REJECTED: 'certificate was rejected',
	CERT_NOT_YET_VALID: 'certificate is not yet valid',
	CERT_SIGNATURE_FAILURE: 'certificate signature is invalid',
	CERT_REVOKED: 'certificate has been revoked',
	INVALID_CA: 'invalid CA certificate',
	INVALID_PURPOSE: 'certificate is not valid for a server',
	CERT_CHAIN_TOO_LONG: 'certificate chain is too long',
	PATH_LENGTH_EXCEEDED: 'certificate chain exceeds the path length',
	HOSTNAME_MISMATCH: 'hostname mismatch',
	ERR_TLS_CERT_ALTNAME_INVALID: 'hostname mismatch',
	UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 'issuer public key cannot be decoded',
	ERROR_IN_CERT_NOT_BEFORE_FIELD: 'malformed validity dates',
	ERROR_IN_CERT_NOT_AFTER_FIELD: 'malformed validity dates',
};

interface ErrorLike {
	code?: unknown;
	message?: unknown;
}

function codeOf(error: ErrorLike): string {
	return typeof error.code === 'string' ? error.code : '';
}

function messageOf(error: ErrorLike): string {
	return typeof error.message === 'string' ? error.message : String(error);
}

// OpenSSL's text is `...:error:0A00010B:SSL routines:<function>:<reason>:<file>.c:<line>:`.
const OPENSSL_REASON = /:([^:]+):[^:]+\.c:\d+:/;

function tlsFailureMessage(message: string, code: string): string {
	const reason = OPENSSL_REASON.exec(message)?.[1] ?? message.trim();
	// What an https request to a plain-HTTP port gets, e.g. after the default http->https upgrade.
	const hint = reason === 'wrong version number' ? '; the port may not serve HTTPS' : '';
	return `TLS handshake failed: ${reason} (${code})${hint}`;
}

/**
 * Maps a got/Node error to a stable code. `certificate` is the one the failing connection
 * presented, if any: an expired one is reported as CERT_EXPIRED whatever OpenSSL chose to report.
 */
export function classifyError(
	error: unknown,
	certificate: CertificateInfo | null,
	nowMs: number,
): CheckError {
	const err = (
		typeof error === 'object' && error !== null ? error : { message: String(error) }
	) as ErrorLike;
	const code = codeOf(err);
	const message = messageOf(err);
	const certReason = CERT_REASONS[code];
	if (code === 'CERT_HAS_EXPIRED' || (certReason && certificate && isExpired(certificate, nowMs))) {
		if (certificate) return expiredError(certificate);
		return { code: 'CERT_EXPIRED', message: `TLS certificate has expired (${message})` };
	}
	if (certReason) {
		// Node's hostname message says which names the certificate does cover.
		const detail = code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? message : code;
		return { code: 'CERT_INVALID', message: `TLS certificate rejected: ${certReason} (${detail})` };
	}
	if (code === 'ERR_TOO_MANY_REDIRECTS') {
		return { code: 'TOO_MANY_REDIRECTS', message };
	}
	if (PASS_THROUGH.has(code)) {
		return { code: code as CheckErrorCode, message };
	}
	if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') {
		return { code: 'TLS_ERROR', message: tlsFailureMessage(message, code) };
	}
	// The checked URL itself is always HTTP(S) (INVALID_URL otherwise): only a redirect gets here.
	if (code === 'ERR_INVALID_PROTOCOL' || code === 'ERR_UNSUPPORTED_PROTOCOL') {
		return {
			code: 'INVALID_REDIRECT',
			message: `Redirected to a URL that is not HTTP or HTTPS: ${message} (${code})`,
		};
	}
	// llhttp's parse errors: an oversized header, an invalid header or status line, bad chunking.
	if (code.startsWith('HPE_')) {
		return { code: 'INVALID_RESPONSE', message: `Malformed HTTP response: ${message} (${code})` };
	}
	return { code: 'REQUEST_FAILED', message: code ? `${message} (${code})` : message };
}
