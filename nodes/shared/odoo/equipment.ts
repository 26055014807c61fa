import type { OdooClient } from './client';
import type { OdooDomain } from './types';

export interface Equipment {
	id: number;
	name: string;
}

/** The equipment given by the user was not found: a clear error naming it, never a silent new record. */
export class UnknownEquipmentError extends Error {
	constructor(readonly equipment: string) {
		super(`Equipment "${equipment}" does not exist in Odoo (maintenance.equipment, by name or ID)`);
		this.name = 'UnknownEquipmentError';
	}
}

/**
 * Looks up maintenance.equipment records by name or numeric ID in one call. The map is keyed by each
 * reference that matched (IDs as strings); references that match nothing are absent.
 */
export async function findEquipments(
	client: OdooClient,
	references: string[],
): Promise<Map<string, Equipment>> {
	const ids = references.filter((ref) => /^\d+$/.test(ref)).map(Number);
	const names = references.filter((ref) => !/^\d+$/.test(ref));
	const resolved = new Map<string, Equipment>();
	if (!ids.length && !names.length) return resolved;
	const domain: OdooDomain = [];
	if (ids.length && names.length) domain.push('|');
	if (ids.length) domain.push(['id', 'in', ids]);
	if (names.length) domain.push(['name', 'in', names]);
	const found = await client.searchRead('maintenance.equipment', domain, { fields: ['name'], order: 'id' });
	for (const record of found) {
		const equipment = { id: record.id, name: String(record.name) };
		if (!resolved.has(String(record.id))) resolved.set(String(record.id), equipment);
		if (!resolved.has(equipment.name)) resolved.set(equipment.name, equipment);
	}
	return resolved;
}

export async function findEquipment(client: OdooClient, reference: string): Promise<Equipment> {
	const equipment = (await findEquipments(client, [reference])).get(reference);
	if (!equipment) throw new UnknownEquipmentError(reference);
	return equipment;
}

export async function equipmentsById(client: OdooClient, ids: number[]): Promise<Map<number, Equipment>> {
	const unique = [...new Set(ids)].filter((id) => id > 0);
	const records = unique.length ? await client.read('maintenance.equipment', unique, ['name']) : [];
	return new Map(records.map((record) => [record.id, { id: record.id, name: String(record.name) }]));
}
