import { OdooError } from '../../shared/odoo/errors';
import { ClaimBusyError, type FailingService, type ReportedRequest } from '../backends/types';
import { newServices, PendingFailures } from '../store/requestLedger';
import type { RequestContext } from './context';
import type { ServiceItem } from './failures';

/** The failures of one equipment to report in this run. */
export interface Group {
	equipment: string;
	/** The input items of this run (none for failures kept by an earlier run). */
	items: ServiceItem[];
	services: FailingService[];
	/** The monitoring itself (canary guard): not an equipment to look up. */
	virtual: boolean;
	/** Where a request created for this group is to be notified; null for none. */
	notifyUrl: string | null;
}

export interface GroupResult {
	group: Group;
	request?: ReportedRequest;
	error?: unknown;
	/** The failures were kept for a later run. */
	kept?: boolean;
}

/** Failures the backend could not take now but a later run can: Odoo unreachable, erroring or busy. */
function keepable(error: unknown): boolean {
	return error instanceof OdooError || error instanceof ClaimBusyError;
}

/** Adds the failures kept by earlier runs to this run's groups (this run's entry of a service first). */
export async function withKeptFailures(context: RequestContext, groups: Group[]): Promise<Group[]> {
	const merged = groups.map((group) => ({ ...group, services: [...group.services] }));
	for (const [equipment, kept] of await new PendingFailures(context.store).list(
		context.backend.key,
	)) {
		const group = merged.find((candidate) => candidate.equipment === equipment);
		if (group) {
			group.services.push(...kept.services);
			group.notifyUrl ??= kept.notifyUrl;
		} else {
			merged.push({ equipment, items: [], ...kept });
		}
	}
	return merged.map((group) => ({ ...group, services: newServices([], group.services) }));
}

/**
 * Reports each group. A group the backend cannot take now is kept in the store (with how it was to be
 * notified) and reported by a later run; a reported group's kept failures are forgotten.
 */
export async function reportGroups(
	context: RequestContext,
	groups: Group[],
	options: { day: string; priority: string },
): Promise<GroupResult[]> {
	const pending = new PendingFailures(context.store);
	const results: GroupResult[] = [];
	const equipments = groups.filter((group) => !group.virtual).map((group) => group.equipment);
	// Best effort: when Odoo cannot be reached, each report fails on its own and keeps its failures.
	if (equipments.length > 1) await context.backend.lookAhead?.(equipments).catch(() => undefined);
	for (const group of groups) {
		try {
			const request = await context.backend.report(group.equipment, group.services, {
				...options,
				now: context.now,
				virtualEquipment: group.virtual,
			});
			await pending.forget(context.backend.key, group.equipment, group.services);
			results.push({ group, request });
		} catch (error) {
			const kept = keepable(error);
			if (kept) {
				await pending.keep(context.backend.key, group.equipment, group.services, {
					virtual: group.virtual,
					notifyUrl: group.notifyUrl,
				});
			}
			results.push({ group, error, kept });
		}
	}
	return results;
}

/** The outbox key of the notification of a newly created request: one per request. */
export function createdKey(context: RequestContext, request: ReportedRequest, day: string): string {
	return `${context.backend.key}|created|${request.equipment}|${day}|${request.id}`;
}
