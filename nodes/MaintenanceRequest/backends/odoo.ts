import type { OdooClient } from '../../shared/odoo/client';
import { findEquipment } from '../../shared/odoo/equipment';
import { recordLink } from '../../shared/odoo/links';
import type { OdooDomain, OdooVals } from '../../shared/odoo/types';
import {
	PendingFailures,
	RequestLedger,
	type LedgerEntry,
} from '../../shared/store/requestLedger';
import type { StateStore } from '../../shared/store/stateStore';
import { describeServices, describeServicesHtml, REQUEST_PREFIX, requestName, serviceLine } from './describe';
import { toReported } from './local';
import type { FailingService, ReportOptions, ReportedRequest, RequestBackend } from './types';

const REQUEST = 'maintenance.request';
/** How long a run waits for another execution that is creating the same request right now. */
const CLAIM_WAIT_MS = 20_000;
/** A claim older than this without an Odoo record belongs to a run that died: take it over. */
const STALE_CLAIM_MS = 60_000;

export interface OdooRequestBackendOptions {
	/** The Odoo base URL, for links. */
	url: string;
	db: string;
	sleep?: (ms: number) => Promise<void>;
}

/**
 * Odoo backend: "[HTTP KO] <equipment>" corrective maintenance.request records. The embedded store's
 * ledger serialises creation (one execution creates, the others add to it), and Odoo itself is searched
 * with the module's dedup domain so requests made elsewhere the same day are reused, not duplicated.
 * When Odoo cannot be reached the failures are kept in the store and reported by a later run.
 */
export function odooRequestBackend(
	client: OdooClient,
	store: StateStore,
	options: OdooRequestBackendOptions,
): RequestBackend {
	const key = `odoo:${options.url.replace(/\/+$/, '')}|${options.db}`;
	const ledger = new RequestLedger(store);
	const pending = new PendingFailures(store);
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	let doneStage: number | undefined;
	const link = (id: number) => recordLink(options.url, REQUEST, id);

	async function firstDoneStage(): Promise<number> {
		if (doneStage === undefined) {
			const stages = await client.searchRead('maintenance.stage', [['done', '=', true]], {
				fields: ['id'],
				order: 'sequence, id',
				limit: 1,
			});
			if (!stages.length) throw new Error('Odoo has no maintenance stage marked as done');
			doneStage = stages[0].id;
		}
		return doneStage;
	}

	async function postNote(id: number, text: string): Promise<void> {
		// message_post escapes a plain body itself (HTML strings would be shown escaped).
		await client.call(REQUEST, 'message_post', {
			ids: [id],
			kwargs: { body: text, message_type: 'comment', subtype_xmlid: 'mail.mt_note' },
		});
	}

	async function createInOdoo(
		entry: LedgerEntry,
		services: FailingService[],
		reportOptions: ReportOptions,
	): Promise<{ id: number; created: boolean; added: FailingService[] }> {
		const equipment = reportOptions.virtualEquipment
			? null
			: await findEquipment(client, entry.equipment);
		const name = requestName(entry.equipment);
		const domain: OdooDomain = [
			['name', '=', name],
			['request_date', '=', reportOptions.day],
			...(equipment ? ([['equipment_id', '=', equipment.id]] as OdooDomain) : []),
		];
		const existing = await client.searchRead(REQUEST, domain, { fields: ['id'], limit: 1, order: 'id' });
		if (existing.length) {
			await postNote(existing[0].id, services.map(serviceLine).join('\n'));
			return { id: existing[0].id, created: false, added: services };
		}
		const vals: OdooVals = {
			name,
			maintenance_type: 'corrective',
			priority: reportOptions.priority,
			request_date: reportOptions.day,
			description: describeServicesHtml(entry.equipment, services),
		};
		if (equipment) vals.equipment_id = equipment.id;
		return { id: await client.create(REQUEST, vals), created: true, added: services };
	}

	/** Waits while another execution holds the claim; returns the entry once it is open, or null to retry. */
	async function awaitClaim(entry: LedgerEntry): Promise<LedgerEntry | null> {
		const deadline = Date.now() + CLAIM_WAIT_MS;
		let current: LedgerEntry | undefined = entry;
		while (current && current.state === 'pending') {
			if (Date.now() - Date.parse(current.createdAt) > STALE_CLAIM_MS || Date.now() > deadline) {
				ledger.release(current.id);
				return null;
			}
			await sleep(200);
			current = ledger.get(current.id);
		}
		return current ?? null;
	}

	async function report(
		equipment: string,
		services: FailingService[],
		reportOptions: ReportOptions,
	): Promise<ReportedRequest> {
		for (let round = 0; round < 5; round++) {
			const { claimed, entry } = ledger.claim({
				backend: key,
				equipment,
				day: reportOptions.day,
				name: requestName(equipment),
				state: 'pending',
				priority: reportOptions.priority,
				description: describeServices(services),
				services,
				createdAt: reportOptions.now,
			});
			if (claimed) {
				try {
					const result = await createInOdoo(entry, services, reportOptions);
					const opened = ledger.markOpen(entry.id, result.id);
					pending.forget(key, equipment, services);
					return toReported(opened, result.created, result.added, link(result.id), result.id);
				} catch (error) {
					ledger.release(entry.id);
					pending.keep(key, equipment, services);
					throw error;
				}
			}
			const open = await awaitClaim(entry);
			if (!open) continue;
			const { entry: updated, added } = ledger.addServices(open.id, services, describeServices);
			const current = updated ?? open;
			try {
				if (added.length && current.remoteId !== null && current.state === 'open') {
					await postNote(current.remoteId, added.map(serviceLine).join('\n'));
				}
			} catch (error) {
				pending.keep(key, equipment, added);
				throw error;
			}
			pending.forget(key, equipment, services);
			return toReported(current, false, added, link(current.remoteId ?? 0), current.remoteId ?? 0);
		}
		throw new Error(`Could not claim the maintenance request of ${equipment}: it stays busy`);
	}

	async function openRequests(equipment: string): Promise<Array<{ id: number; entry?: LedgerEntry; name: string }>> {
		const fromLedger = ledger.openFor(key, equipment).filter((entry) => entry.remoteId !== null);
		const found = new Map<number, { id: number; entry?: LedgerEntry; name: string }>();
		for (const entry of fromLedger) {
			found.set(entry.remoteId as number, { id: entry.remoteId as number, entry, name: entry.name });
		}
		const equipmentRecord = await findEquipment(client, equipment).catch(() => null);
		if (equipmentRecord) {
			const records = await client.searchRead(
				REQUEST,
				[
					['name', '=like', `${REQUEST_PREFIX}%`],
					['equipment_id', '=', equipmentRecord.id],
					['stage_id.done', '=', false],
				],
				{ fields: ['name'], order: 'id' },
			);
			for (const record of records) {
				if (!found.has(record.id)) found.set(record.id, { id: record.id, name: String(record.name) });
			}
		}
		// Requests closed in Odoo meanwhile are closed in the ledger too.
		return [...found.values()];
	}

	function reported(open: { id: number; entry?: LedgerEntry; name: string }, equipment: string): ReportedRequest {
		if (open.entry) return toReported(open.entry, false, [], link(open.id), open.id);
		return {
			id: open.id,
			name: open.name,
			priority: '',
			description: '',
			equipment,
			link: link(open.id),
			created: false,
			services: [],
			addedServices: [],
		};
	}

	return {
		key,
		report,
		async openRequests(equipment) {
			return (await openRequests(equipment)).map((open) => reported(open, equipment));
		},
		async close(equipment, recovered, now) {
			const closed: ReportedRequest[] = [];
			for (const open of await openRequests(equipment)) {
				await client.write(REQUEST, [open.id], { stage_id: await firstDoneStage() });
				await postNote(
					open.id,
					['All services recovered:', ...recovered.map((service) => `${service.service} ${service.url}`.trim())].join('\n'),
				);
				if (open.entry) ledger.close(open.entry.id, now);
				closed.push(reported(open, equipment));
			}
			return closed;
		},
	};
}
