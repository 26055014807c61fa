import type { Queries, Row, StateStore } from '../../shared/store/stateStore';
import type { FailingService, ListFilter } from '../backends/types';

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

	async find(backend: string, equipment: string, day: string): Promise<LedgerEntry | undefined> {
		const row = await this.store.get(
			'SELECT * FROM maintenance_requests WHERE backend = ? AND equipment = ? AND day = ?',
			backend,
			equipment,
			day,
		);
		return row ? toEntry(row) : undefined;
	}

	get(id: number): Promise<LedgerEntry | undefined> {
		return entryById(this.store, id);
	}

	/**
	 * Claims the request of the day atomically. The first caller gets `claimed: true` and a new entry in
	 * `state` (local: 'open' at once; Odoo: 'pending' until the remote record exists); later callers get
	 * the existing entry. One statement decides: INSERT … ON CONFLICT DO NOTHING on the dedup key waits
	 * for a concurrent insert of the same key to commit and then inserts nothing, so two executions (or
	 * hosts) at the same moment never both create a request.
	 */
	async claim(init: Omit<LedgerEntry, 'id' | 'remoteId' | 'closedAt'>): Promise<{
		claimed: boolean;
		entry: LedgerEntry;
	}> {
		const inserted = await this.store.get(
			`INSERT INTO maintenance_requests (backend, equipment, day, name, state, priority, description, services, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (backend, equipment, day) DO NOTHING RETURNING *`,
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
		if (inserted) return { claimed: true, entry: toEntry(inserted) };
		const existing = await this.find(init.backend, init.equipment, init.day);
		// Released by its claimer between the two statements: claim again.
		if (!existing) return this.claim(init);
		return { claimed: false, entry: existing };
	}

	/** Adds services to an entry (atomically: the row is locked until commit) and returns those that were new to it. */
	addServices(
		id: number,
		services: FailingService[],
		describe: (all: FailingService[]) => string,
	): Promise<{ entry: LedgerEntry | undefined; added: FailingService[] }> {
		return this.store.transaction(async (tx) => {
			const entry = await entryById(tx, id, true);
			if (!entry) return { entry: undefined, added: [] };
			const added = newServices(entry.services, services);
			if (!added.length) return { entry, added };
			const all = [...entry.services, ...added];
			const updated = await tx.get(
				'UPDATE maintenance_requests SET services = ?, description = ? WHERE id = ? RETURNING *',
				JSON.stringify(all),
				describe(all),
				id,
			);
			return { entry: updated && toEntry(updated), added };
		});
	}

	/**
	 * Takes back services added by `addServices` whose note could not be posted, so the run that reports
	 * them again sees them as new (and posts the note then).
	 */
	async removeServices(
		id: number,
		services: FailingService[],
		describe: (all: FailingService[]) => string,
	): Promise<void> {
		await this.store.transaction(async (tx) => {
			const entry = await entryById(tx, id, true);
			if (!entry) return;
			const removed = new Set(services.map(serviceIdentity));
			const kept = entry.services.filter((service) => !removed.has(serviceIdentity(service)));
			await tx.run(
				'UPDATE maintenance_requests SET services = ?, description = ? WHERE id = ?',
				JSON.stringify(kept),
				describe(kept),
				id,
			);
		});
	}

	/** The remote record exists: the claim becomes an open request (named as the backend named it). */
	async markOpen(id: number, remoteId: number | null, name?: string): Promise<LedgerEntry> {
		const row = await this.store.get(
			"UPDATE maintenance_requests SET state = 'open', remote_id = ?, name = coalesce(?, name) WHERE id = ? RETURNING *",
			remoteId,
			name ?? null,
			id,
		);
		if (!row)
			throw new Error(`The maintenance request claim ${id} was taken over by another execution`);
		return toEntry(row);
	}

	/** Gives up a claim whose remote creation failed, so the next run can claim it again. */
	async release(id: number): Promise<void> {
		await this.store.run("DELETE FROM maintenance_requests WHERE id = ? AND state = 'pending'", id);
	}

	async close(id: number, closedAt: string): Promise<LedgerEntry> {
		await this.store.run(
			"UPDATE maintenance_requests SET state = 'closed', closed_at = ? WHERE id = ? AND state != 'closed'",
			closedAt,
			id,
		);
		return (await this.get(id)) as LedgerEntry;
	}

	/** Requests of a backend (claims in progress left out), newest first. */
	async list(backend: string, filter: ListFilter): Promise<LedgerEntry[]> {
		const where = ['backend = ?', "state != 'pending'"];
		const params: string[] = [backend];
		if (filter.state !== 'all') {
			where.push('state = ?');
			params.push(filter.state);
		}
		if (filter.equipment) {
			where.push('equipment = ?');
			params.push(filter.equipment);
		}
		if (filter.since) {
			where.push('created_at >= ?');
			params.push(filter.since);
		}
		const rows = await this.store.all(
			`SELECT * FROM maintenance_requests WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC`,
			...params,
		);
		return rows.map(toEntry);
	}

	/** Closes an open request by hand, the note added to its description; undefined when it is not open. */
	async closeWithNote(
		backend: string,
		id: number,
		note: string,
		closedAt: string,
	): Promise<LedgerEntry | undefined> {
		const row = await this.store.get(
			`UPDATE maintenance_requests SET state = 'closed', closed_at = ?,
				description = CASE WHEN ? = '' THEN description ELSE description || ? END
			WHERE id = ? AND backend = ? AND state = 'open' RETURNING *`,
			closedAt,
			note,
			`\n\nClosed: ${note}`,
			id,
			backend,
		);
		return row ? toEntry(row) : undefined;
	}

	/** Open requests of one equipment on one backend, any day. */
	async openFor(backend: string, equipment: string): Promise<LedgerEntry[]> {
		const rows = await this.store.all(
			"SELECT * FROM maintenance_requests WHERE backend = ? AND equipment = ? AND state = 'open' ORDER BY id",
			backend,
			equipment,
		);
		return rows.map(toEntry);
	}
}

async function entryById(
	store: Queries,
	id: number,
	lock = false,
): Promise<LedgerEntry | undefined> {
	const row = await store.get(
		`SELECT * FROM maintenance_requests WHERE id = ?${lock ? ' FOR UPDATE' : ''}`,
		id,
	);
	return row ? toEntry(row) : undefined;
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

	async keep(
		backend: string,
		equipment: string,
		services: FailingService[],
		meta: { virtual?: boolean; notifyUrl?: string | null } = {},
	): Promise<void> {
		await this.store.transaction(async (tx) => {
			for (const service of services) {
				const payload: PendingPayload = {
					...service,
					virtual: meta.virtual === true,
					notifyUrl: meta.notifyUrl ?? null,
				};
				await tx.run(
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
	async list(backend: string): Promise<Map<string, PendingGroup>> {
		const groups = new Map<string, PendingGroup>();
		const rows = await this.store.all(
			'SELECT equipment, payload FROM pending_failures WHERE backend = ? ORDER BY id',
			backend,
		);
		for (const row of rows) {
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

	async forget(backend: string, equipment: string, services: FailingService[]): Promise<void> {
		await this.store.transaction(async (tx) => {
			for (const service of services) {
				await tx.run(
					'DELETE FROM pending_failures WHERE backend = ? AND equipment = ? AND service_key = ?',
					backend,
					equipment,
					serviceIdentity(service),
				);
			}
		});
	}
}
