import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** The trigger output that only test calls use: refused calls, so the editor shows why nothing ran. */
export const REFUSED_OUTPUT_NAME = 'Refused (test)';

/** A call to the test URL ("Listen for test event"), which must not touch what the published workflow keeps. */
export function isTestCall(fns: IWebhookFunctions): boolean {
	return fns.getMode() === 'manual';
}

/**
 * What a trigger returns once it has answered a refused call: nothing in production (no execution starts), and
 * in a test the refusal on the second output, which nothing downstream of the first output sees.
 */
export function refusedCall(
	fns: IWebhookFunctions,
	reply: { status: number; body: unknown },
	receivedAt: string,
): IWebhookResponseData {
	if (!isTestCall(fns)) return { noWebhookResponse: true };
	const body = reply.body as IDataObject | string;
	const reason = typeof body === 'string' ? body : String(body.message ?? '');
	return {
		noWebhookResponse: true,
		workflowData: [[], [{ json: { refused: true, status: reply.status, reason, receivedAt } }]],
	};
}
