import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { toNodeError } from '../../shared/n8n/errors';
import { NotificationOutbox } from '../store/outbox';
import { dayOf, type Operation } from './context';
import { notificationOf, queueAndDeliver } from './notifications';
import { createdKey, reportGroups, withKeptFailures } from './report';

/**
 * Retry Pending: reports the failures kept while the backend was unreachable (their new requests are
 * notified as the keeping run asked) and sends every queued notification that is due.
 */
export const retryPending: Operation = async function (context) {
	const webhookUrl = String(this.getNodeParameter('webhookUrl', 0, '') ?? '').trim();
	if (
		!webhookUrl &&
		this.getNodeParameter('notificationAuthentication', 0, 'none') === 'basicAuth'
	) {
		throw new NodeOperationError(this.getNode(), 'Set the Webhook URL to use Basic Auth', {
			description:
				'With Basic Auth, only notifications queued for the Webhook URL are sent, so the credentials never go to another endpoint.',
		});
	}
	const day = dayOf.call(this, context.now);
	const priority = String(this.getNodeParameter('priority', 0, '2'));
	const reported = await reportGroups(context, await withKeptFailures(context, []), {
		day,
		priority,
	});
	const failed = reported.find((result) => !result.request);
	if (failed && !this.continueOnFail()) throw toNodeError(this.getNode(), failed.error);

	const notifications = reported.flatMap(({ group, request }) =>
		request?.created && group.notifyUrl
			? [{ key: createdKey(context, request, day), url: group.notifyUrl, request }]
			: [],
	);
	const delivered = await queueAndDeliver.call(
		this,
		context,
		notifications,
		webhookUrl ? [webhookUrl] : undefined,
	);
	const attempted = { sent: 0, queued: 0, failed: 0 };
	for (const result of delivered.values()) attempted[result.status]++;
	const reportedItems = [];
	for (const { request } of reported) {
		if (!request) continue;
		const notification = request.created
			? await notificationOf(delivered, createdKey(context, request, day), context)
			: null;
		reportedItems.push({ ...request, notification });
	}
	return [
		[
			{
				json: {
					reported: reportedItems as unknown as IDataObject[],
					stillPending: reported
						.filter((result) => !result.request)
						.map((result) => ({
							equipment: result.group.equipment,
							error: (result.error as Error).message,
						})),
					notifications: attempted,
					outbox: await new NotificationOutbox(context.store).counts(),
				},
				pairedItem: { item: 0 },
			},
		],
	];
};
