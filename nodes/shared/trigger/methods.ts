import { errorReply, type Reply } from './reply';

/**
 * Every method n8n routes to webhooks. The triggers register all of them so that a wrong method
 * reaches the node and gets a 405 (n8n itself would answer 404 "not registered for PUT").
 */
export const ALL_WEBHOOK_METHODS = 'DELETE,GET,HEAD,PATCH,POST,PUT';

/** 405 with an `Allow` header, or undefined when `method` is one of `allowed`. */
export function checkMethod(method: string, allowed: readonly string[]): Reply | undefined {
	if (allowed.includes(method)) return undefined;
	return errorReply(405, `Method ${method} is not allowed; use ${allowed.join(' or ')}`, {
		allow: allowed.join(', '),
	});
}
