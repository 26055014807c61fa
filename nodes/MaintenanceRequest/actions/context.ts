import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { BasicAuth } from '../../shared/http-check';
import { deliverOutbox, type NotificationResult } from '../../shared/notify/deliverOutbox';
import { NotificationOutbox } from '../../shared/store/outbox';
import type { StateStore } from '../../shared/store/stateStore';
import type { ReportedRequest, RequestBackend } from '../backends/types';

export interface RequestContext {
	backend: RequestBackend;
	store: StateStore;
	now: string;
}

export type Operation = (this: IExecuteFunctions, context: RequestContext) => Promise<INodeExecutionData[][]>;

export function options(this: IExecuteFunctions): IDataObject {
	return this.getNodeParameter('options', 0, {}) as IDataObject;
}

export function numberOption(opts: IDataObject, name: string, fallback: number): number {
	const value = opts[name];
	return value === undefined || value === '' || value === null ? fallback : Number(value);
}

export async function notificationAuth(this: IExecuteFunctions): Promise<BasicAuth | null> {
	if (this.getNodeParameter('notificationAuthentication', 0, 'none') !== 'basicAuth') return null;
	const credentials = await this.getCredentials('odooMaintenanceBasicAuthApi');
	return { user: String(credentials.user ?? ''), password: String(credentials.password ?? '') };
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

/** Queues notifications for `requests` (keyed so each is sent once) and delivers everything due. */
export async function notify(
	this: IExecuteFunctions,
	context: RequestContext,
	webhookUrl: string,
	requests: Array<{ key: string; request: ReportedRequest }>,
): Promise<Map<string, NotificationResult>> {
	const outbox = new NotificationOutbox(context.store);
	for (const { key, request } of requests) {
		outbox.enqueue(key, webhookUrl, notificationPayload(request), context.now);
	}
	const opts = options.call(this);
	return deliverOutbox(
		outbox,
		{
			auth: await notificationAuth.call(this),
			attemptsPerRun: numberOption(opts, 'notificationAttempts', 3),
			retryDelayMs: numberOption(opts, 'notificationRetryDelayMs', 1000),
			timeoutMs: numberOption(opts, 'notificationTimeoutMs', 10_000),
			maxAgeMs: numberOption(opts, 'notificationMaxAgeHours', 168) * 3_600_000,
		},
		webhookUrl || undefined,
	);
}

/** What the output says about a request's notification when it was not attempted in this run. */
export function notificationOf(
	results: Map<string, NotificationResult>,
	key: string,
	store: StateStore,
): IDataObject | null {
	const result = results.get(key);
	if (result) return { ...result };
	const message = new NotificationOutbox(store).byKey(key);
	if (!message) return null;
	const status = message.status === 'pending' ? 'queued' : message.status;
	return { status, attempts: message.attempts, reason: message.lastError };
}
