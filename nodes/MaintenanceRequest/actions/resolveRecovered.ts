import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../../shared/n8n/errors';
import { serviceIdentity } from '../../shared/store/requestLedger';
import { downServicesOf, getServiceStatus, serviceKey } from '../../shared/store/serviceStatus';
import type { FailingService, ReportedRequest } from '../backends/types';
import { notificationOf, notify, type Operation, type RequestContext } from './context';
import { groupByEquipment, readServiceItems } from './failures';

/** Services of the equipment that still fail: listed in its open requests or down in the store. */
function stillFailing(
	context: RequestContext,
	equipment: string,
	open: ReportedRequest[],
	recovered: FailingService[],
): string[] {
	const recoveredIds = new Set(recovered.map(serviceIdentity));
	const failing = new Set<string>();
	for (const request of open) {
		for (const service of request.services) {
			const id = serviceIdentity(service);
			if (recoveredIds.has(id)) continue;
			const status = getServiceStatus(context.store, serviceKey(equipment, service.service, service.url));
			if (status?.reportedState !== 'up') failing.add(id);
		}
	}
	for (const down of downServicesOf(context.store, equipment)) {
		const id = serviceIdentity({ service: down.serviceName, url: down.url });
		if (!recoveredIds.has(id)) failing.add(id);
	}
	return [...failing];
}

export const resolveRecovered: Operation = async function (context) {
	const { services, invalid } = readServiceItems.call(this, false, context.now);
	if (invalid.length && !this.continueOnFail()) throw invalid[0].error;
	const output: INodeExecutionData[] = invalid.map(({ itemIndex, error }) => ({
		json: { error: error.message },
		pairedItem: { item: itemIndex },
	}));

	const closed: Array<{ request: ReportedRequest; recovered: FailingService[]; items: number[] }> = [];
	for (const [equipment, items] of groupByEquipment(services)) {
		const recovered = items.map((item) => item.service);
		try {
			const open = await context.backend.openRequests(equipment);
			if (!open.length || stillFailing(context, equipment, open, recovered).length) continue;
			for (const request of await context.backend.close(equipment, recovered, context.now)) {
				closed.push({ request, recovered, items: items.map((item) => item.itemIndex) });
			}
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, items[0].itemIndex);
			output.push({
				json: { equipment, error: (error as Error).message },
				pairedItem: items.map((item) => ({ item: item.itemIndex })),
			});
		}
	}

	const sendNotification = this.getNodeParameter('sendNotification', 0, false) as boolean;
	const keyOf = (request: ReportedRequest) =>
		`${context.backend.key}|resolved|${request.equipment}|${request.id}|${context.now}`;
	const notifications = sendNotification
		? await notify.call(
				this,
				context,
				String(this.getNodeParameter('webhookUrl', 0)),
				closed.map(({ request, recovered }) => ({
					key: keyOf(request),
					request: {
						...request,
						description: `All services recovered: ${recovered.map((service) => service.url).join(', ')}`,
					},
				})),
			)
		: new Map();

	for (const { request, recovered, items } of closed) {
		output.push({
			json: {
				...(request as unknown as IDataObject),
				closed: true,
				recoveredServices: recovered as unknown as IDataObject[],
				notification: sendNotification ? notificationOf(notifications, keyOf(request), context.store) : null,
			},
			pairedItem: items.map((item) => ({ item })),
		});
	}
	return [output];
};
