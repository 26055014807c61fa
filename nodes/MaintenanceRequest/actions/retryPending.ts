import type { IDataObject } from 'n8n-workflow';

import { deliverOutbox } from '../../shared/notify/deliverOutbox';
import { toNodeError } from '../../shared/n8n/errors';
import { NotificationOutbox } from '../../shared/store/outbox';
import { PendingFailures } from '../../shared/store/requestLedger';
import { notificationAuth, numberOption, options, type Operation } from './context';
import { reportGroups } from './reportFailures';

/** Reports failures kept while Odoo was unreachable and sends every queued notification that is due. */
export const retryPending: Operation = async function (context) {
	const kept = new PendingFailures(context.store).list(context.backend.key);
	const groups = [...kept].map(([equipment, services]) => ({ equipment, items: [], services, virtual: false }));
	const priority = String(this.getNodeParameter('priority', 0, '2'));
	const reported = await reportGroups.call(this, context, groups, priority);
	const failed = reported.find((result) => result.error);
	if (failed && !this.continueOnFail()) throw toNodeError(this.getNode(), failed.error);

	const opts = options.call(this);
	const webhookUrl = String(this.getNodeParameter('webhookUrl', 0, '') ?? '').trim();
	const outbox = new NotificationOutbox(context.store);
	const results = await deliverOutbox(
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
	const attempted = { sent: 0, queued: 0, failed: 0 };
	for (const result of results.values()) attempted[result.status]++;
	return [
		[
			{
				json: {
					reported: reported
						.filter((result) => result.request)
						.map((result) => result.request) as unknown as IDataObject[],
					stillPending: reported
						.filter((result) => result.error)
						.map((result) => ({ equipment: result.group.equipment, error: (result.error as Error).message })),
					notifications: attempted,
					outbox: outbox.counts(),
				},
				pairedItem: { item: 0 },
			},
		],
	];
};
