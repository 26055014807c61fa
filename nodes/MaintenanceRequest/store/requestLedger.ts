import type { Row, StateStore } from '../../shared/store/stateStore';
import type { FailingService } from '../backends/types';

export type LedgerState = 'pending' | 'open' | 'closed';

export interface LedgerEntry {
	id: number;
	backend: string;
	equipment: string;
	day: string;
	name: string;
	remoteId: number | null;
	state: LedgerState;
	priority: string;
	description: string;
	services: FailingService[];
	createdAt: string;
	closedAt: string | null;
}

function toEntry(row: Row): LedgerEntry {
	return {
		id: Number(row.id),
		backend: String(row.backend),
		equipment: String(row.equipment),
		day: String(row.day),
		name: String(row.name),
		remoteId: row.remote_id === null ? null : Number(row.remote_id),
		state: row.state as LedgerState,
		priority: String(row.priority),
		description: String(row.description),
		services: JSON.parse(String(row.services)) as FailingService[],
		createdAt: String(row.created_at),
		closedAt: (row.closed_at as string | null) ?? null,
	};
}

export function serviceIdentity(service: Pick<FailingService, 'service' | 'url'>): string {
	return `${service.service}|${service.url}`;
}

/** Services of `incoming` not yet in `known` (by name and URL), first occurrence kept. */
export function newServices(known: FailingService[], incoming: FailingService[]): FailingService[] {
	const seen = new Set(known.map(serviceIdentity));
	const added: FailingService[] = [];
	for (const service of incoming) {
		const id = serviceIdentity(service);
		if (!seen.has(id)) {
			seen.add(id);
			added.push(service);
		}
	}
	return added;
}

/** The ledger of "[HTTP KO]" requests: one per backend, equipment and day (the dedup key). */
export class RequestLedger {
	constructor(private readonly store: StateStore) {}

	find(backend: string, equipment: string, day: string): LedgerEntry | undefined {
		const row = this.store.get(
			'SELECT * FROM maintenance_requests WHERE backend = ? AND equipment = ? AND day = ?',
			backend,
			equipment,
			day,
		);
		return row ? toEntry(row) : undefined;
	}

	get(id: number): LedgerEntry | undefined {
		const row = this.store.get('SELECT * FROM maintenance_requests WHERE id = ?', id);
		return row ? toEntry(row) : undefined;
	}

	/**
	 * Claims the request of the day atomically. The first caller gets `claimed: true` and a new entry in
	 * `state` (local: 'open' at once; Odoo: 'pending' until the remote record exists); later callers get
	 * the existing entry. Two executions at the same moment therefore never both create a request.
	 */
	claim(init: Omit<LedgerEntry, 'id' | 'remoteId' | 'closedAt'>): {
		claimed: boolean;
		entry: LedgerEntry;
	} {
		return this.store.transaction(() => {
			const existing = this.find(init.backend, init.equipment, init.day);
			if (existing) return { claimed: false, entry: existing };
			const { lastInsertRowid } = this.store.run(
				`INSERT INTO maintenance_requests (backend, equipment, day, name, state, priority, description, services, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				init.backend,
				init.equipment,
				init.day,
				init.name,
				init.state,
				init.priority,
				init.description,
				JSON.stringify(init.services),
				init.createdAt,
			);
			return { claimed: true, entry: this.get(lastInsertRowid) as LedgerEntry };
		});
	}

	/** Adds services to an entry (atomically) and returns those that were new to it. */
	addServices(id: number, services: FailingService[], describe: (all: FailingService[]) => string) {
		return this.store.transaction(() => {
			const entry = this.get(id);
			if (!entry) return { entry: undefined, added: [] as FailingService[] };
			const added = newServices(entry.services, services);
			if (added.length) {
				const all = [...entry.services, ...added];
				this.store.run(
					'UPDATE maintenance_requests SET services = ?, description = ? WHERE id = ?',
					JSON.stringify(all),
					describe(all),
					id,
				);
			}
			return { entry: this.get(id) as LedgerEntry, added };
		});
	}

	/**
	 * Takes back services added by `addServices` whose note could not be posted, so the run that reports
	 * them again sees them as new (and posts the note then).
	 */
	removeServices(
		id: number,
		services: FailingService[],
		describe: (all: FailingService[]) => string,
	): void {
		this.store.transaction(() => {
			const entry = this.get(id);
			if (!entry) return;
			const removed = new Set(services.map(serviceIdentity));
			const kept = entry.services.filter((service) => !removed.has(serviceIdentity(service)));
			this.store.run(
				'UPDATE maintenance_requests SET services = ?, description = ? WHERE id = ?',
				JSON.stringify(kept),
				describe(kept),
				id,
			);
		});
	}

	/** The remote record exists: the claim becomes an open request (named as the backend named it). */
	markOpen(id: number, remoteId: number | null, name?: string): LedgerEntry {
		this.store.run(
			"UPDATE maintenance_requests SET state = 'open', remote_id = ?, name = coalesce(?, name) WHERE id = ?",
			remoteId,
			name ?? null,
			id,
		);
		const entry = this.get(id);
		if (!entry)
			throw new Error(`The maintenance request claim ${id} was taken over by another execution`);
		return entry;
	}

	/** Gives up a claim whose remote creation failed, so the next run can claim it again. */
	release(id: number): void {
		this.store.run("DELETE FROM maintenance_requests WHERE id = ? AND state = 'pending'", id);
	}

	close(id: number, closedAt: string): LedgerEntry {
		this.store.run(
			"UPDATE maintenance_requests SET state = 'closed', closed_at = ? WHERE id = ? AND state != 'closed'",
			closedAt,
			id,
		);
		return this.get(id) as LedgerEntry;
	}

	/** Open requests of one equipment on one backend, any day. */
	openFor(backend: string, equipment: string): LedgerEntry[] {
		return this.store
			.all(
				"SELECT * FROM maintenance_requests WHERE backend = ? AND equipment = ? AND state = 'open' ORDER BY id",
				backend,
				equipment,
			)
			.map(toEntry);
	}
}

/** Failures of one equipment that could not be reported yet, and how they were to be reported. */
export interface PendingGroup {
	services: FailingService[];
	/** The equipment is a stand-in for the monitoring itself (canary guard): not looked up in Odoo. */
	virtual: boolean;
	/** Where the run that kept them wanted the new request notified; null for no notification. */
	notifyUrl: string | null;
}

interface PendingPayload extends FailingService {
	virtual?: boolean;
	notifyUrl?: string | null;
}

/** Failures that could not be reported (Odoo down): kept until a later run reports them. */
export class PendingFailures {
	constructor(private readonly store: StateStore) {}

	keep(
		backend: string,
		equipment: string,
		services: FailingService[],
		meta: { virtual?: boolean; notifyUrl?: string | null } = {},
	): void {
		this.store.transaction(() => {
			for (const service of services) {
				const payload: PendingPayload = {
					...service,
					virtual: meta.virtual === true,
					notifyUrl: meta.notifyUrl ?? null,
				};
				this.store.run(
					`INSERT INTO pending_failures (backend, equipment, service_key, payload, failed_at) VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (backend, equipment, service_key) DO UPDATE SET payload = excluded.payload, failed_at = excluded.failed_at`,
					backend,
					equipment,
					serviceIdentity(service),
					JSON.stringify(payload),
					service.failedAt,
				);
			}
		});
	}

	/** Every kept failure of a backend, grouped by equipment (oldest first). */
	list(backend: string): Map<string, PendingGroup> {
		const groups = new Map<string, PendingGroup>();
		for (const row of this.store.all(
			'SELECT equipment, payload FROM pending_failures WHERE backend = ? ORDER BY id',
			backend,
		)) {
			const { virtual, notifyUrl, ...service } = JSON.parse(String(row.payload)) as PendingPayload;
			const equipment = String(row.equipment);
			const group = groups.get(equipment) ?? { services: [], virtual: false, notifyUrl: null };
			group.services.push(service);
			group.virtual ||= virtual === true;
			group.notifyUrl = notifyUrl ?? group.notifyUrl;
			groups.set(equipment, group);
		}
		return groups;
	}

	forget(backend: string, equipment: string, services: FailingService[]): void {
		this.store.transaction(() => {
			for (const service of services) {
				this.store.run(
					'DELETE FROM pending_failures WHERE backend = ? AND equipment = ? AND service_key = ?',
					backend,
					equipment,
					serviceIdentity(service),
				);
			}
		});
	}
}
