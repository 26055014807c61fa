import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../../shared/n8n/errors';
import type { NotificationResult } from '../notify/deliverOutbox';
import { canaryVerdict } from './canary';
import { dayOf, options, type Operation } from './context';
import { groupByEquipment, readServiceItems } from './failures';
import { notificationOf, queue, queueAndDeliver, type Notification } from './notifications';
import { createdKey, reportGroups, withKeptFailures, type Group } from './report';

/** Told with the error, since n8n replaces a connection error's message with its own text. */
export const KEPT_FAILURES =
	'The failures are kept: Retry Pending (every tick of the templates) reports them once Odoo answers again.';

/**
 * Report Failures: one "[HTTP KO]" request per equipment and day listing every failing service (or one
 * for the monitoring itself when the canary guard trips), failures kept by earlier runs included, and a
 * notification for each newly created request.
 */
export const reportFailures: Operation = async function (context) {
	const { services, invalid } = readServiceItems.call(this, true, context.now);
	if (invalid.length && !this.continueOnFail()) throw invalid[0].error;
	const output: INodeExecutionData[] = invalid.map(({ itemIndex, error }) => ({
		json: { error: error.message },
		pairedItem: { item: itemIndex },
	}));

	const day = dayOf.call(this, context.now);
	const priority = String(this.getNodeParameter('priority', 0, '2'));
	const sendNotification = this.getNodeParameter('sendNotification', 0, false) as boolean;
	const webhookUrl = sendNotification
		? String(this.getNodeParameter('webhookUrl', 0, '')).trim()
		: '';
	if (sendNotification && !webhookUrl) {
		throw new NodeOperationError(this.getNode(), 'The Webhook URL is empty', {
			description: 'Set the URL to notify, or turn "Send Webhook Notification" off.',
		});
	}
	const notifyUrl = webhookUrl || null;

	const opts = options.call(this);
	const canary = canaryVerdict(
		services.map((item) => item.service),
		opts,
	);
	const live: Group[] = canary.triggered
		? [
				{
					equipment: String(opts.monitoringEquipment || 'Monitoring'),
					items: services,
					services: services.map((item) => item.service),
					virtual: true,
					notifyUrl,
				},
			]
		: [...groupByEquipment(services)].map(([equipment, items]) => ({
				equipment,
				items,
				services: items.map((item) => item.service),
				virtual: false,
				notifyUrl,
			}));
	// With notifications on, every request created now is notified here; else as the keeping run asked.
	const groups = (await withKeptFailures(context, live)).map((group) => ({
		...group,
		notifyUrl: notifyUrl ?? group.notifyUrl,
	}));
	const results = await reportGroups(context, groups, { day, priority });

	const notifications: Notification[] = results.flatMap(({ group, request }) =>
		request?.created && group.notifyUrl
			? [{ key: createdKey(context, request, day), url: group.notifyUrl, request }]
			: [],
	);
	let delivered = new Map<string, NotificationResult>();
	if (notifyUrl) {
		delivered = await queueAndDeliver.call(this, context, notifications, [notifyUrl]);
	} else {
		await queue(context, notifications);
	}

	let firstError: { error: unknown; itemIndex?: number; kept?: boolean } | undefined;
	for (const { group, request, error, kept } of results) {
		const pairedItem = group.items.length
			? group.items.map((item) => ({ item: item.itemIndex }))
			: { item: 0 };
		if (!request) {
			firstError ??= { error, itemIndex: group.items[0]?.itemIndex, kept: kept === true };
			output.push({
				json: {
					equipment: group.equipment,
					created: false,
					pending: kept === true,
					services: group.services as unknown as IDataObject[],
					error: (error as Error).message,
				},
				pairedItem,
			});
			continue;
		}
		const key = createdKey(context, request, day);
		output.push({
			json: {
				...(request as unknown as IDataObject),
				notification: request.created ? await notificationOf(delivered, key, context) : null,
				...(group.virtual ? { canary: true, canaryReason: canary.reason } : {}),
			},
			pairedItem,
		});
	}
	if (firstError && !this.continueOnFail()) {
		throw toNodeError(
			this.getNode(),
			firstError.error,
			firstError.itemIndex,
			firstError.kept ? KEPT_FAILURES : undefined,
		);
	}
	return [output];
};
