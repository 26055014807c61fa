import type { OdooClient } from './client';

/**
 * What the nodes know about Odoo's maintenance module: its models, the names of the requests this
 * package creates, and the stage that closes a request.
 */
export const REQUEST_MODEL = 'maintenance.request';
export const STAGE_MODEL = 'maintenance.stage';

/** Corrective requests Maintenance Request opens for failing services: `[HTTP KO] <equipment>`. */
export const HTTP_KO_PREFIX = '[HTTP KO]';
/** Preventive requests Maintenance Mode plans as windows: `[Maintenance mode] <equipment>`. */
export const MAINTENANCE_MODE_PREFIX = '[Maintenance mode]';

export function httpKoRequestName(equipment: string): string {
	return `${HTTP_KO_PREFIX} ${equipment}`;
}

/** The equipment named in a request name `[HTTP KO] <equipment>`, else `fallback`. */
export function equipmentOfHttpKoRequest(name: string, fallback: string): string {
	return name.startsWith(`${HTTP_KO_PREFIX} `) ? name.slice(HTTP_KO_PREFIX.length + 1) : fallback;
}

export function maintenanceModeRequestName(equipment: string): string {
	return `${MAINTENANCE_MODE_PREFIX} ${equipment}`;
}

/** The first stage marked as done (by sequence), looked up once per returned function. */
export function doneStageLookup(client: OdooClient): () => Promise<number> {
	let doneStage: number | undefined;
	return async () => {
		if (doneStage === undefined) {
			const stages = await client.searchRead(STAGE_MODEL, [['done', '=', true]], {
				fields: ['id'],
				order: 'sequence, id',
				limit: 1,
			});
			if (!stages.length) throw new Error('Odoo has no maintenance stage marked as done');
			doneStage = stages[0].id;
		}
		return doneStage;
	};
}
