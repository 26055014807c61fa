import { equipmentOfHttpKoRequest } from '../../shared/odoo/maintenance';
import type { LedgerEntry } from '../store/requestLedger';
import type { ModuleWebhook } from './moduleWebhook';

/** One failing service as listed in a maintenance request (a type, so it is n8n item JSON as is). */
export type FailingService = {
	service: string;
	url: string;
	/** -1 when there was no HTTP response. */
	statusCode: number;
	error: string;
	failedAt: string;
};

/** A maintenance request as the node outputs it and as the webhook notification carries it. */
export type ReportedRequest = {
	id: number;
	name: string;
	priority: string;
	/** Plain text, one line per failing service. */
	description: string;
	equipment: string;
	/** Odoo form link; null for the Local backend. */
	link: string | null;
	created: boolean;
	services: FailingService[];
	/** Services this run added to an existing request. */
	addedServices: FailingService[];
};

export interface ReportOptions {
	day: string;
	priority: string;
	now: string;
	/** Equipment that is a stand-in (the monitoring itself): in Odoo it is not looked up. */
	virtualEquipment?: boolean;
}

/** A ledger entry as the node outputs it; `id` and `link` are the backend's (Odoo: the record's). */
export function toReported(
	entry: LedgerEntry,
	result: { created: boolean; added: FailingService[]; id?: number; link?: string | null },
): ReportedRequest {
	return {
		id: result.id ?? entry.id,
		name: entry.name,
		priority: entry.priority,
		description: entry.description,
		equipment: equipmentOfHttpKoRequest(entry.name, entry.equipment),
		link: result.link ?? null,
		created: result.created,
		services: entry.services,
		addedServices: result.added,
	};
}

/** List Requests: which requests. `since` is an ISO instant. */
export interface ListFilter {
	state: 'open' | 'closed' | 'all';
	equipment?: string;
	since?: string;
}

/** A request as List Requests and Close Request output it. */
export interface ListedRequest {
	id: number;
	name: string;
	equipment: string;
	state: 'open' | 'closed';
	description: string;
	createdAt: string | null;
	closedAt: string | null;
	/** Odoo form link; null for the Local backend. */
	link: string | null;
}

/** Where "[HTTP KO]" requests are kept: the embedded store (Local) or maintenance.request in Odoo. */
export interface RequestBackend {
	/** Identifies the backend in the ledger (dedup is per backend). */
	readonly key: string;
	/**
	 * Opens the request of the day for the equipment, or adds the services that are new to it. Throws
	 * when the backend cannot be reached; the caller keeps the failures for a later run.
	 */
	report(
		equipment: string,
		services: FailingService[],
		options: ReportOptions,
	): Promise<ReportedRequest>;
	/**
	 * Odoo: resolves the equipment of every report of the run in one search, so that each `report`
	 * does not look its equipment up again. An equipment it cannot resolve is looked up by `report`.
	 */
	lookAhead?(equipments: string[]): Promise<void>;
	/** Open "[HTTP KO]" requests of each equipment, any day (one lookup for all of them). */
	openRequests(equipments: string[]): Promise<Map<string, ReportedRequest[]>>;
	/** Closes `requests` (from `openRequests`) with a note listing the recovered services. */
	close(
		equipment: string,
		requests: ReportedRequest[],
		recovered: FailingService[],
		now: string,
	): Promise<ReportedRequest[]>;
	/** Odoo: the webhook the Odoo module is configured to notify, used when the node sets none. */
	moduleWebhook?(): Promise<ModuleWebhook | null>;
	/** "[HTTP KO]" requests, newest first. */
	list(filter: ListFilter): Promise<ListedRequest[]>;
	/** Closes one open "[HTTP KO]" request by its ID, with a note; throws naming requestId otherwise. */
	closeById(id: number, note: string, now: string): Promise<ListedRequest>;
}

export function listedFromLedger(entry: LedgerEntry): ListedRequest {
	return {
		id: entry.id,
		name: entry.name,
		equipment: entry.equipment,
		state: entry.state === 'closed' ? 'closed' : 'open',
		description: entry.description,
		createdAt: entry.createdAt,
		closedAt: entry.closedAt,
		link: null,
	};
}

/** Another execution is creating the request of the day right now and has not finished in time. */
export class ClaimBusyError extends Error {
	constructor(readonly equipment: string) {
		super(
			`Another execution is still creating the maintenance request of "${equipment}"; ` +
				'its failures are kept and reported by the next run',
		);
		this.name = 'ClaimBusyError';
	}
}
