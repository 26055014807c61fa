import type { INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../../shared/n8n/errors';
import { downServicesOf, getServiceStatus, serviceKey } from '../../shared/store/serviceStatus';
import type { StateStore } from '../../shared/store/stateStore';
import type { FailingService, ReportedRequest } from '../backends/types';
import type { NotificationResult } from '../notify/deliverOutbox';
import { newServices, serviceIdentity } from '../store/requestLedger';
import { outputItems, type Operation } from '../helpers/context';
import { groupByEquipment, readServiceItems } from '../helpers/failures';
import { notificationOf, queueAndDeliver } from '../notify/notifications';

/** Whether the store last saw the service up (HTTP Service Check records it; no name = the URL). */
async function reportedUp(
	store: StateStore,
	equipment: string,
	service: FailingService,
): Promise<boolean> {
	const keys = [serviceKey(equipment, service.service, service.url)];
	if (service.service === service.url) keys.push(serviceKey(equipment, '', service.url));
	for (const key of keys) {
		if ((await getServiceStatus(store, key))?.reportedState === 'up') return true;
	}
	return false;
}

/**
 * A "down" status not refreshed for this long belongs to a service that is no longer monitored (every
 * monitored service is checked on every run), so it must not keep the equipment's request open.
 */
export const STALE_STATUS_MS = 3_600_000;

/**
 * Services of the equipment that still fail: listed in its open requests, or down in the store
 * (checked within the last hour: a service failing in this run is down there before Resolve runs).
 */
export async function stillFailing(
	store: StateStore,
	equipment: string,
	open: ReportedRequest[],
	recovered: FailingService[],
	now: string,
): Promise<string[]> {
	const recoveredIds = new Set(recovered.map(serviceIdentity));
	const failing = new Set<string>();
	for (const service of open.flatMap((request) => request.services)) {
		const id = serviceIdentity(service);
		if (!recoveredIds.has(id) && !(await reportedUp(store, equipment, service))) failing.add(id);
	}
	const freshSince = Date.parse(now) - STALE_STATUS_MS;
	for (const down of await downServicesOf(store, equipment)) {
		if (down.lastCheckAt !== null && Date.parse(down.lastCheckAt) < freshSince) continue;
		const id = serviceIdentity({ service: down.serviceName || down.url, url: down.url });
		if (!recoveredIds.has(id)) failing.add(id);
	}
	return [...failing];
}

/**
 * Resolve Recovered: closes the open "[HTTP KO]" requests of each equipment of the input (services up
 * again) once none of the equipment's services still fails, and notifies each closed request if asked.
 */
export const resolveRecovered: Operation = async function (context) {
	const { services, invalid } = readServiceItems.call(this, false, context.now);
	if (invalid.length && !this.continueOnFail()) throw invalid[0].error;
	const output: INodeExecutionData[] = invalid.flatMap(({ itemIndex, error }) =>
		outputItems.call(this, { error: error.message }, { item: itemIndex }),
	);

	const closed: Array<{ request: ReportedRequest; recovered: FailingService[]; items: number[] }> =
		[];
	const groups = groupByEquipment(services);
	// One lookup for every equipment; when it fails, each equipment reports that failure below.
	const lookup = await context.backend.openRequests([...groups.keys()]).then(
		(open) => ({ open, error: undefined }),
		(error: unknown) => ({ open: undefined, error }),
	);
	for (const [equipment, items] of groups) {
		const recovered = newServices(
			[],
			items.map((item) => item.service),
		);
		try {
			if (!lookup.open) throw lookup.error;
			const open = lookup.open.get(equipment) ?? [];
			if (
				!open.length ||
				(await stillFailing(context.store, equipment, open, recovered, context.now)).length
			)
				continue;
			for (const request of await context.backend.close(equipment, open, recovered, context.now)) {
				closed.push({ request, recovered, items: items.map((item) => item.itemIndex) });
			}
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, items[0].itemIndex);
			output.push(
				...outputItems.call(
					this,
					{ equipment, error: (error as Error).message },
					items.map((item) => ({ item: item.itemIndex })),
				),
			);
		}
	}

	const sendNotification = this.getNodeParameter('sendNotification', 0, false) as boolean;
	const webhookUrl = sendNotification
		? String(this.getNodeParameter('webhookUrl', 0, '')).trim()
		: '';
	const keyOf = (request: ReportedRequest) =>
		`${context.backend.key}|resolved|${request.equipment}|${request.id}|${context.now}`;
	let delivered = new Map<string, NotificationResult>();
	if (webhookUrl) {
		const notifications = closed.map(({ request, recovered }) => ({
			key: keyOf(request),
			url: webhookUrl,
			request: {
				...request,
				description: `All services recovered: ${recovered.map((service) => service.url).join(', ')}`,
			},
		}));
		delivered = await queueAndDeliver.call(this, context, notifications, [webhookUrl]);
	}

	for (const { request, recovered, items } of closed) {
		output.push(
			...outputItems.call(
				this,
				{
					...request,
					closed: true,
					recoveredServices: recovered,
					notification: webhookUrl
						? await notificationOf(delivered, keyOf(request), context)
						: null,
				},
				items.map((item) => ({ item })),
			),
		);
	}
	return [output];
};
