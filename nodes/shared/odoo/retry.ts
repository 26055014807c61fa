import { OdooError } from './errors';

/** Methods that only read, so sending them twice is harmless. Writes are never retried. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
	'search_read',
	'search_count',
	'search',
	'read',
	'fields_get',
	'get_param',
	'context_get',
]);

export const DEFAULT_RETRIES = 2;
const BACKOFF_MS = [200, 600];

export function isTransient(error: unknown): boolean {
	if (!(error instanceof OdooError)) return false;
	if (error.kind === 'network' || error.kind === 'timeout') return true;
	return error.httpStatus !== undefined && error.httpStatus >= 502 && error.httpStatus <= 504;
}

/** Runs `operation`, and again up to `retries` times after a short pause when it fails transiently. */
export async function withRetry<T>(operation: () => Promise<T>, retries: number): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await operation();
		} catch (error) {
			if (attempt >= retries || !isTransient(error)) throw error;
			const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
			await new Promise((resolve) => setTimeout(resolve, delay));
		}
	}
}
