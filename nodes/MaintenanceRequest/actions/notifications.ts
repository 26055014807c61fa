import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { BasicAuth } from '../../shared/http-check';
import type { ReportedRequest } from '../backends/types';
import { deliverOutbox, type NotificationResult } from '../notify/deliverOutbox';
import { NotificationOutbox } from '../store/outbox';
import { numberOption, options, type RequestContext } from './context';

/** A notification to queue: once per key, to `url`. */
export interface Notification {
	key: string;
	url: string;
	request: ReportedRequest;
}

/** The JSON body of a notification: exactly the keys of the Odoo module's webhook. */
export function notificationPayload(request: ReportedRequest): string {
	return JSON.stringify({
		id: request.id,
		name: request.name,
		priority: request.priority,
		description: request.description,
		equipment: request.equipment,
		link: request.link,
	});
}

async function notificationAuth(this: IExecuteFunctions): Promise<BasicAuth | null> {
	if (this.getNodeParameter('notificationAuthentication', 0, 'none') !== 'basicAuth') return null;
	const credentials = await this.getCredentials('odooMaintenanceBasicAuthApi');
	return { user: String(credentials.user ?? ''), password: String(credentials.password ?? '') };
}

/** A clock that reads `now` at the start of the run and moves on in real time. */
function runClock(now: string): () => Date {
	const offset = Date.parse(now) - Date.now();
	return () => new Date(Date.now() + offset);
}

/** Queues `notifications`, each key once (so a request is never notified twice), for delivery later. */
export async function queue(
	context: RequestContext,
	notifications: Notification[],
): Promise<NotificationOutbox> {
	const outbox = new NotificationOutbox(context.store);
	for (const { key, url, request } of notifications) {
		await outbox.enqueue(key, url, notificationPayload(request), context.now);
	}
	return outbox;
}

/**
 * Queues `notifications` (each key once, so a request is never notified twice) and delivers every due
 * message to `targetUrls` (all URLs when undefined) with the node's auth and retry options.
 */
export async function queueAndDeliver(
	this: IExecuteFunctions,
	context: RequestContext,
	notifications: Notification[],
	targetUrls: string[] | undefined,
): Promise<Map<string, NotificationResult>> {
	const outbox = await queue(context, notifications);
	const auth = await notificationAuth.call(this);
	if (auth && !targetUrls) {
		throw new NodeOperationError(this.getNode(), 'Set the Webhook URL to use Basic Auth', {
			description:
				'With Basic Auth, only notifications queued for the Webhook URL are sent, so the credentials never go to another endpoint.',
		});
	}
	const opts = options.call(this);
	return deliverOutbox(outbox, {
		auth,
		attemptsPerRun: numberOption(opts, 'notificationAttempts', 3),
		retryDelayMs: numberOption(opts, 'notificationRetryDelayMs', 1000),
		timeoutMs: numberOption(opts, 'notificationTimeoutMs', 10_000),
		maxAgeMs: numberOption(opts, 'notificationMaxAgeHours', 168) * 3_600_000,
		targetUrls,
		now: runClock(context.now),
	});
}

/** The `notification` of an output item: this run's delivery result, else the message's state. */
export async function notificationOf(
	results: Map<string, NotificationResult>,
	key: string,
	context: RequestContext,
): Promise<IDataObject | null> {
	const result = results.get(key);
	if (result) return { ...result };
	const message = await new NotificationOutbox(context.store).byKey(key);
	if (!message) return null;
	return {
		status: message.status === 'pending' ? 'queued' : message.status,
		attempts: message.attempts,
		reason:
			message.lastError ?? (message.status === 'pending' ? 'not attempted in this run' : null),
	};
}
