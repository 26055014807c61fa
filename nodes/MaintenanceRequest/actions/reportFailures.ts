import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../../shared/n8n/errors';
import { PendingFailures } from '../../shared/store/requestLedger';
import { assertTimeZone, localDay } from '../../shared/time/maintenanceWindow';
import type { FailingService, ReportedRequest } from '../backends/types';
import { notificationOf, notify, numberOption, options, type Operation, type RequestContext } from './context';
import { groupByEquipment, readServiceItems, type ServiceItem } from './failures';

interface Group {
	equipment: string;
	items: ServiceItem[];
	services: FailingService[];
	virtual: boolean;
}

/** Whether the failures look like an outage of the monitoring itself rather than of the equipment. */
export function canaryVerdict(
	services: FailingService[],
	opts: IDataObject,
): { triggered: boolean; reason: string | null } {
	const canaryUrls = String(opts.canaryUrls ?? '')
		.split(',')
		.map((url) => url.trim())
		.filter(Boolean);
	const failedCanary = services.find((service) => canaryUrls.includes(service.url));
	if (failedCanary) return { triggered: true, reason: `canary ${failedCanary.url} failed` };
	const percent = numberOption(opts, 'canaryMaxFailurePercent', 0);
	const total = numberOption(opts, 'totalServices', 0);
	if (percent > 0 && total > 0) {
		const share = (services.length / total) * 100;
		if (share > percent) {
			return {
				triggered: true,
				reason: `${services.length} of ${total} services failed (${share.toFixed(1)}% > ${percent}%)`,
			};
		}
	}
	return { triggered: false, reason: null };
}

export function dayOf(this: IExecuteFunctions, now: string): string {
	const zone = String(options.call(this).timeZone || this.getTimezone());
	try {
		assertTimeZone(zone);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
	return localDay(now, zone);
}

export async function reportGroups(
	this: IExecuteFunctions,
	context: RequestContext,
	groups: Group[],
	priority: string,
): Promise<Array<{ group: Group; request?: ReportedRequest; error?: unknown }>> {
	const day = dayOf.call(this, context.now);
	const results: Array<{ group: Group; request?: ReportedRequest; error?: unknown }> = [];
	for (const group of groups) {
		try {
			const request = await context.backend.report(group.equipment, group.services, {
				day,
				priority,
				now: context.now,
				virtualEquipment: group.virtual,
			});
			results.push({ group, request });
		} catch (error) {
			results.push({ group, error });
		}
	}
	return results;
}

export function notificationKey(backendKey: string, request: ReportedRequest, day: string): string {
	return `${backendKey}|created|${request.equipment}|${day}|${request.id}`;
}

export const reportFailures: Operation = async function (context) {
	const { services, invalid } = readServiceItems.call(this, true, context.now);
	if (invalid.length && !this.continueOnFail()) throw invalid[0].error;
	const output: INodeExecutionData[] = invalid.map(({ itemIndex, error }) => ({
		json: { error: error.message },
		pairedItem: { item: itemIndex },
	}));

	const opts = options.call(this);
	const canary = canaryVerdict(
		services.map((item) => item.service),
		opts,
	);
	let groups: Group[];
	if (canary.triggered) {
		const equipment = String(opts.monitoringEquipment || 'Monitoring');
		groups = [{ equipment, items: services, services: services.map((item) => item.service), virtual: true }];
	} else {
		groups = [...groupByEquipment(services)].map(([equipment, items]) => ({
			equipment,
			items,
			services: items.map((item) => item.service),
			virtual: false,
		}));
	}
	// Failures kept by an earlier run while Odoo was unreachable are reported with this run's.
	for (const [equipment, kept] of new PendingFailures(context.store).list(context.backend.key)) {
		const group = groups.find((candidate) => candidate.equipment === equipment);
		if (group) group.services.push(...kept);
		else groups.push({ equipment, items: [], services: kept, virtual: false });
	}

	const priority = String(this.getNodeParameter('priority', 0, '2'));
	const results = await reportGroups.call(this, context, groups, priority);
	const day = dayOf.call(this, context.now);

	let notifications = new Map<string, import('../../shared/notify/deliverOutbox').NotificationResult>();
	const sendNotification = this.getNodeParameter('sendNotification', 0, false) as boolean;
	if (sendNotification) {
		const created = results
			.filter((result) => result.request?.created)
			.map((result) => ({
				key: notificationKey(context.backend.key, result.request as ReportedRequest, day),
				request: result.request as ReportedRequest,
			}));
		notifications = await notify.call(this, context, String(this.getNodeParameter('webhookUrl', 0)), created);
	}

	let firstError: { error: unknown; itemIndex?: number } | undefined;
	for (const { group, request, error } of results) {
		const pairedItem = group.items.length
			? group.items.map((item) => ({ item: item.itemIndex }))
			: { item: 0 };
		if (error) {
			firstError ??= { error, itemIndex: group.items[0]?.itemIndex };
			output.push({
				json: {
					equipment: group.equipment,
					created: false,
					pending: true,
					services: group.services as unknown as IDataObject[],
					error: (error as Error).message,
				},
				pairedItem,
			});
			continue;
		}
		const report = request as ReportedRequest;
		output.push({
			json: {
				...(report as unknown as IDataObject),
				notification: report.created && sendNotification
					? notificationOf(notifications, notificationKey(context.backend.key, report, day), context.store)
					: null,
				...(canary.triggered ? { canary: true, canaryReason: canary.reason } : {}),
			},
			pairedItem,
		});
	}
	if (firstError && !this.continueOnFail()) {
		throw toNodeError(this.getNode(), firstError.error, firstError.itemIndex);
	}
	return [output];
};
