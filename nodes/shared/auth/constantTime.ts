import { createHash, timingSafeEqual } from 'node:crypto';

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
