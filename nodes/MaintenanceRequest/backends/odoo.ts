import type { OdooClient } from '../../shared/odoo/client';
import {
	findEquipment,
	findEquipments,
	UnknownEquipmentError,
	type Equipment,
} from '../../shared/odoo/equipment';
import { recordLink } from '../../shared/odoo/links';
import type { OdooDomain, OdooRecord, OdooVals } from '../../shared/odoo/types';
import type { StateStore } from '../../shared/store/stateStore';
import { htmlParagraph, htmlToText, type HtmlFragment } from '../../shared/odoo/html';
import { fromOdooDatetime, toOdooDatetime } from '../../shared/odoo/datetime';
import { InvalidParameterError } from '../../shared/errors';
import {
	doneStageLookup,
	equipmentOfHttpKoRequest,
	HTTP_KO_PREFIX,
	httpKoRequestName,
	REQUEST_MODEL as REQUEST,
} from '../../shared/odoo/maintenance';
import {
	addedServicesHtml,
	describeServices,
	describeServicesHtml,
	recoveryNoteHtml,
} from '../helpers/describe';
import { RequestLedger, type LedgerEntry } from '../store/requestLedger';
import { readModuleWebhook } from './moduleWebhook';
import {
	ClaimBusyError,
	toReported,
	type FailingService,
	type ListedRequest,
	type ReportOptions,
	type ReportedRequest,
	type RequestBackend,
} from './types';

/** How long a run waits for another execution that is creating the same request right now. */
const CLAIM_WAIT_MS = 20_000;
/** A claim older than this without an Odoo record belongs to a run that died: take it over. */
const STALE_CLAIM_MS = 60_000;
const POLL_MS = 100;

export interface OdooRequestBackendOptions {
	/** The Odoo base URL, for links. */
	url: string;
	db: string;
	sleep?: (ms: number) => Promise<void>;
	/** Real time, for the age of claims (not the run's `now`, which tests may set in the past). */
	clock?: () => Date;
}

interface Created {
	id: number;
	created: boolean;
	added: FailingService[];
	name: string;
}

/**
 * Odoo backend: "[HTTP KO] <equipment>" corrective maintenance.request records. The embedded store's
 * ledger serialises creation (one execution creates, the others wait and add to it), and Odoo itself is
 * searched with the module's dedup domain (name, equipment, request_date) so a request made elsewhere
 * the same day is noted, not duplicated.
 */
export function odooRequestBackend(
	client: OdooClient,
	store: StateStore,
	options: OdooRequestBackendOptions,
): RequestBackend {
	const key = `odoo:${options.url.replace(/\/+$/, '')}|${options.db}`;
	const ledger = new RequestLedger(store);
	const sleep =
		options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const clock = options.clock ?? (() => new Date());
	const firstDoneStage = doneStageLookup(client);
	const link = (id: number) => recordLink(options.url, REQUEST, id);

	/**
	 * A chatter note in HTML, every service value escaped (describe.ts). Odoo 17+ escapes a str body
	 * (newlines then collapse into one line) unless `body_is_html` is set, a keyword message_post has
	 * had since 17.0 for RPC callers and honours for internal users; Odoo 16 and older have no such
	 * keyword (it would reach mail.message as an invalid field) and store a str body as sanitized HTML.
	 */
	async function postNote(id: number, body: HtmlFragment): Promise<void> {
		const { major } = await client.version();
		await client.call(REQUEST, 'message_post', {
			ids: [id],
			kwargs: {
				body,
				message_type: 'comment',
				subtype_xmlid: 'mail.mt_note',
				...(major >= 17 ? { body_is_html: true } : {}),
			},
		});
	}

	async function equipmentOf(reference: string): Promise<Equipment | null> {
		try {
			return await findEquipment(client, reference);
		} catch (error) {
			if (error instanceof UnknownEquipmentError) return null;
			throw error;
		}
	}

	/** Equipment resolved ahead by `lookAhead` for this run's reports. */
	const resolvedAhead = new Map<string, Equipment>();

	async function createInOdoo(
		reference: string,
		services: FailingService[],
		reportOptions: ReportOptions,
	): Promise<Created> {
		const equipment = reportOptions.virtualEquipment
			? null
			: (resolvedAhead.get(reference) ?? (await findEquipment(client, reference)));
		const name = httpKoRequestName(equipment?.name ?? reference);
		const existing = await client.searchRead(
			REQUEST,
			[
				['name', '=', name],
				['equipment_id', '=', equipment ? equipment.id : false],
				['request_date', '=', reportOptions.day],
			],
			{ fields: ['id'], limit: 1, order: 'id' },
		);
		if (existing.length) {
			await postNote(existing[0].id, addedServicesHtml(services));
			return { id: existing[0].id, created: false, added: services, name };
		}
		const vals: OdooVals = {
			name,
			maintenance_type: 'corrective',
			priority: reportOptions.priority,
			request_date: reportOptions.day,
			description: describeServicesHtml(equipment?.name ?? reference, services),
		};
		if (equipment) vals.equipment_id = equipment.id;
		return { id: await client.create(REQUEST, vals), created: true, added: services, name };
	}

	/**
	 * Waits while another execution holds the claim. Returns the entry once it is open (or closed), or
	 * null when the claim is gone or stale (claim again); throws ClaimBusyError when waiting too long.
	 */
	async function awaitClaim(equipment: string, entry: LedgerEntry): Promise<LedgerEntry | null> {
		const deadline = clock().getTime() + CLAIM_WAIT_MS;
		let current: LedgerEntry | undefined = entry;
		while (current && current.state === 'pending') {
			if (clock().getTime() - Date.parse(current.createdAt) > STALE_CLAIM_MS) {
				await ledger.release(current.id);
				return null;
			}
			if (clock().getTime() > deadline) throw new ClaimBusyError(equipment);
			await sleep(POLL_MS);
			current = await ledger.get(current.id);
		}
		return current ?? null;
	}

	/** Adds the services new to an existing request, with one note listing them. */
	async function addToExisting(
		entry: LedgerEntry,
		services: FailingService[],
	): Promise<ReportedRequest> {
		const { entry: updated, added } = await ledger.addServices(
			entry.id,
			services,
			describeServices,
		);
		const current = updated ?? entry;
		if (added.length && current.remoteId !== null) {
			try {
				await postNote(current.remoteId, addedServicesHtml(added));
			} catch (error) {
				// Not noted: the next run that reports them must see them as new again.
				await ledger.removeServices(current.id, added, describeServices);
				throw error;
			}
		}
		const id = current.remoteId ?? 0;
		return toReported(current, { created: false, added, id, link: link(id) });
	}

	async function report(
		equipment: string,
		services: FailingService[],
		reportOptions: ReportOptions,
	): Promise<ReportedRequest> {
		for (let round = 0; round < 5; round++) {
			const { claimed, entry } = await ledger.claim({
				backend: key,
				equipment,
				day: reportOptions.day,
				name: httpKoRequestName(equipment),
				state: 'pending',
				priority: reportOptions.priority,
				description: describeServices(services),
				services,
				createdAt: clock().toISOString(),
			});
			if (claimed) {
				let result: Created;
				try {
					result = await createInOdoo(equipment, services, reportOptions);
				} catch (error) {
					await ledger.release(entry.id);
					throw error;
				}
				const opened = await ledger.markOpen(entry.id, result.id, result.name);
				return toReported(opened, { ...result, link: link(result.id) });
			}
			const current = await awaitClaim(equipment, entry);
			if (current) return addToExisting(current, services);
		}
		throw new ClaimBusyError(equipment);
	}

	/**
	 * Open "[HTTP KO]" requests of each equipment in Odoo, with their ledger entries when known: one
	 * equipment lookup and one request search for all of them. A request belongs to an equipment when
	 * its ledger lists it, or when it is an "[HTTP KO]" request of that equipment in Odoo.
	 */
	async function openRequests(
		equipments: string[],
	): Promise<Map<string, Array<{ record: OdooRecord; entry?: LedgerEntry }>>> {
		const entriesOf = new Map<string, LedgerEntry[]>();
		for (const equipment of equipments) {
			entriesOf.set(
				equipment,
				(await ledger.openFor(key, equipment)).filter((entry) => entry.remoteId !== null),
			);
		}
		const found = await findEquipments(client, equipments);
		const remoteIds = [...entriesOf.values()].flat().map((entry) => entry.remoteId as number);
		const equipmentIds = [...new Set(equipments.flatMap((name) => found.get(name)?.id ?? []))];
		const byId: OdooDomain = remoteIds.length ? [['id', 'in', remoteIds]] : [];
		const byEquipment: OdooDomain = equipmentIds.length
			? ['&', ['name', '=like', `${HTTP_KO_PREFIX}%`], ['equipment_id', 'in', equipmentIds]]
			: [];
		const records =
			byId.length || byEquipment.length
				? await client.searchRead(
						REQUEST,
						[
							'&',
							['stage_id.done', '=', false],
							...(byId.length && byEquipment.length ? ['|' as const] : []),
							...byId,
							...byEquipment,
						],
						{ fields: ['name', 'priority', 'equipment_id'], order: 'id' },
					)
				: [];
		const openIds = new Set(records.map((record) => record.id));
		const result = new Map<string, Array<{ record: OdooRecord; entry?: LedgerEntry }>>();
		for (const equipment of equipments) {
			const entries = entriesOf.get(equipment) ?? [];
			// Requests closed (or deleted) in Odoo meanwhile are closed in the ledger too.
			for (const entry of entries) {
				if (!openIds.has(entry.remoteId as number))
					await ledger.close(entry.id, clock().toISOString());
			}
			const equipmentId = found.get(equipment)?.id;
			const mine = records.filter(
				(record) =>
					entries.some((entry) => entry.remoteId === record.id) ||
					(equipmentId !== undefined &&
						String(record.name).startsWith(HTTP_KO_PREFIX) &&
						Array.isArray(record.equipment_id) &&
						record.equipment_id[0] === equipmentId),
			);
			result.set(
				equipment,
				mine.map((record) => ({
					record,
					entry: entries.find((entry) => entry.remoteId === record.id),
				})),
			);
		}
		return result;
	}

	function reported(
		open: { record: OdooRecord; entry?: LedgerEntry },
		equipment: string,
	): ReportedRequest {
		const id = open.record.id;
		if (open.entry)
			return toReported(open.entry, { created: false, added: [], id, link: link(id) });
		return {
			id,
			name: String(open.record.name),
			priority: open.record.priority ? String(open.record.priority) : '',
			description: '',
			equipment,
			link: link(id),
			created: false,
			services: [],
			addedServices: [],
		};
	}

	return {
		key,
		report,
		async lookAhead(equipments) {
			const found = await findEquipments(client, equipments);
			for (const reference of equipments) {
				const equipment = found.get(reference);
				// The batch search keys records by ID and name together: keep only the record the reference
				// itself names, as findEquipment would.
				const named = /^\d+$/.test(reference)
					? equipment?.id === Number(reference)
					: equipment?.name === reference;
				if (equipment && named) resolvedAhead.set(reference, equipment);
			}
		},
		moduleWebhook: () => readModuleWebhook(client),
		async openRequests(equipments) {
			const open = await openRequests(equipments);
			return new Map(
				equipments.map((equipment) => [
					equipment,
					(open.get(equipment) ?? []).map((request) => reported(request, equipment)),
				]),
			);
		},
		async close(equipment, requests, recovered, now) {
			const closed: ReportedRequest[] = [];
			for (const request of requests) {
				await client.write(REQUEST, [request.id], { stage_id: await firstDoneStage() });
				await postNote(request.id, recoveryNoteHtml(recovered));
				const entry = (await ledger.openFor(key, equipment)).find(
					(open) => open.remoteId === request.id,
				);
				closed.push(
					entry
						? toReported(await ledger.close(entry.id, now), {
								created: false,
								added: [],
								id: request.id,
								link: request.link,
							})
						: request,
				);
			}
			return closed;
		},
		async list(filter) {
			const domain: OdooDomain = [['name', '=like', `${HTTP_KO_PREFIX}%`]];
			if (filter.equipment) {
				const equipment = await equipmentOf(filter.equipment);
				if (!equipment) return [];
				domain.push(['equipment_id', '=', equipment.id]);
			}
			if (filter.since) domain.push(['create_date', '>=', toOdooDatetime(filter.since)]);
			const states = filter.state === 'all' ? (['open', 'closed'] as const) : [filter.state];
			const listed: ListedRequest[] = [];
			for (const state of states) {
				const records = await client.searchRead(
					REQUEST,
					[...domain, ['stage_id.done', '=', state === 'closed']],
					{
						fields: LISTED_FIELDS,
					},
				);
				listed.push(...records.map((record) => listedFromOdoo(record, state, link(record.id))));
			}
			return listed.sort(
				(a, b) => String(b.createdAt).localeCompare(String(a.createdAt)) || b.id - a.id,
			);
		},
		async closeById(id, note, now) {
			const [record] = await client.searchRead(
				REQUEST,
				[
					['id', '=', id],
					['name', '=like', `${HTTP_KO_PREFIX}%`],
					['stage_id.done', '=', false],
				],
				{ fields: LISTED_FIELDS },
			);
			if (!record) {
				throw new InvalidParameterError(
					'requestId',
					`there is no open [HTTP KO] request #${id} in Odoo`,
				);
			}
			await client.write(REQUEST, [id], { stage_id: await firstDoneStage() });
			if (note) await postNote(id, htmlParagraph(note));
			const entry = (await ledger.list(key, { state: 'open' })).find(
				(open) => open.remoteId === id,
			);
			if (entry) await ledger.close(entry.id, now);
			return { ...listedFromOdoo(record, 'closed', link(id)), closedAt: now };
		},
	};
}

const LISTED_FIELDS = ['name', 'equipment_id', 'create_date', 'close_date', 'description'];

function listedFromOdoo(record: OdooRecord, state: 'open' | 'closed', link: string): ListedRequest {
	const equipment = record.equipment_id as [number, string] | false;
	const name = String(record.name);
	const instant = (value: unknown) =>
		typeof value === 'string' && value ? new Date(fromOdooDatetime(value)).toISOString() : null;
	return {
		id: record.id,
		name,
		equipment: equipmentOfHttpKoRequest(name, equipment ? equipment[1] : ''),
		state,
		description: htmlToText(record.description),
		createdAt: instant(record.create_date),
		// close_date is a date in Odoo (the day the request was done).
		closedAt:
			state === 'closed' && typeof record.close_date === 'string' ? record.close_date : null,
		link,
	};
}
