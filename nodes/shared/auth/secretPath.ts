import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { InvalidParameterError } from '../errors';

/** 128 bits: below that a secret URL path or token could be guessed. */
const MIN_SECRET_BYTES = 16;
const MAX_SECRET_BYTES = 1024;

/**
 * A random secret for URL paths and tokens: `bytes` random bytes as base64url without padding
 * (24 bytes -> 32 characters of `A-Z a-z 0-9 - _`).
 */
export function generateSecret(bytes = 24): string {
	if (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
		throw new InvalidParameterError(
			'bytes',
			`expected a whole number from ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES}, got ${String(bytes)}`,
		);
	}
	return randomBytes(bytes).toString('base64url');
}

/**
 * Compares two strings (as UTF-8) in time independent of where they differ and of their lengths:
 * both sides are hashed with SHA-256 first, so `timingSafeEqual` always sees 32 bytes. Anything
 * that is not a string compares unequal.
 */
export function constantTimeEquals(a: unknown, b: unknown): boolean {
	if (typeof a !== 'string' || typeof b !== 'string') return false;
	const digestA = createHash('sha256').update(a, 'utf8').digest();
	const digestB = createHash('sha256').update(b, 'utf8').digest();
	return timingSafeEqual(digestA, digestB);
}
