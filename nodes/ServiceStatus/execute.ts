import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { readHistory } from '../shared/history/read';
import {
	DAY_MS,
	DEFAULT_RETENTION,
	HOUR_MS,
	tierFor,
	type Tier,
} from '../shared/history/retention';
import { toNodeError } from '../shared/n8n/errors';
import { httpRequestSend } from '../shared/n8n/send';
import { executionStateStore } from '../shared/n8n/store';
import { createOdooClient } from '../shared/odoo/client';
import { connectionFromCredentials } from '../shared/odoo/connection';
import type { StateStore } from '../shared/store/stateStore';
import { renderBadge } from './badge';
import { localStatusBackend, odooStatusBackend } from './backends';
import { buildStatusReport } from './overview';
import { cachedPage } from './pageCache';
import { overallState, renderStatusPage } from './page';
import type { StatusBackend, StatusReport } from './types';

export async function executeServiceStatus(
	this: IExecuteFunctions,
): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	try {
		const store = await executionStateStore(this, options.storePath as string | undefined);
		const backend = await statusBackend.call(this, store);
		const now = new Date();
		if (operation === 'overview') {
			const report = await buildStatusReport(store, backend, now);
			return [report.services.map((service) => ({ json: withoutCharts(service) }))];
		}
		if (operation === 'statusPage') return [[await statusPage.call(this, store, backend, now)]];
		const serviceKey = await findService.call(this, store);
		if (operation === 'badge') {
			const report = await buildStatusReport(store, backend, now, serviceKey);
			return [[{ json: { contentType: 'image/svg+xml', body: renderBadge(report.services[0]) } }]];
		}
		return [await history.call(this, store, serviceKey, now)];
	} catch (error) {
		const nodeError = toNodeError(this.getNode(), error);
		// With Continue (using error output) the error reaches the error output as n8n's error item, so a
		// webhook workflow can answer the caller with the reason instead of n8n's "Error in workflow".
		if (this.continueOnFail())
			return [[{ json: { error: nodeError.message }, pairedItem: { item: 0 } }]];
		throw nodeError;
	}
}

async function statusBackend(this: IExecuteFunctions, store: StateStore): Promise<StatusBackend> {
	if (this.getNodeParameter('backend', 0) !== 'odoo') return localStatusBackend(store);
	const connection = connectionFromCredentials(
		(await this.getCredentials('odooMaintenanceApi')) as Record<string, unknown>,
	);
	return odooStatusBackend(
		createOdooClient(connection, httpRequestSend(this.helpers)),
		connection.url,
	);
}

async function statusPage(
	this: IExecuteFunctions,
	store: StateStore,
	backend: StatusBackend,
	now: Date,
): Promise<INodeExecutionData> {
	const format = String(this.getNodeParameter('format', 0, 'html') || 'html')
		.trim()
		.toLowerCase();
	if (format !== 'html' && format !== 'json') {
		throw new NodeOperationError(
			this.getNode(),
			`Invalid parameter "format": "${format}" is neither html nor json`,
			{
				description: 'Set Format to html or json (the template passes ?format=json).',
			},
		);
	}
	const title = String(this.getNodeParameter('title', 0, 'Service status') || 'Service status');
	const build = async (): Promise<IDataObject> => {
		const report = await buildStatusReport(store, backend, now);
		const state = overallState(report).state;
		return format === 'json'
			? {
					contentType: 'application/json; charset=utf-8',
					state,
					body: JSON.stringify(publicJson(report)),
				}
			: { contentType: 'text/html; charset=utf-8', state, body: renderStatusPage(report, title) };
	};
	// Odoo's requests and windows change without the store knowing: only Local pages are cached.
	const local = this.getNodeParameter('backend', 0) !== 'odoo';
	const json = local ? await cachedPage(store, format, title, now.getTime(), build) : await build();
	return { json: { ...json } };
}

/** The JSON of the page: the overview without the chart series. */
function publicJson(report: StatusReport): IDataObject {
	return {
		generatedAt: report.generatedAt,
		services: report.services.map(withoutCharts),
		openRequests: report.openRequests,
		maintenance: report.maintenance,
	} as unknown as IDataObject;
}

/** A service as the nodes output it: the chart series stay on the page. */
function withoutCharts(service: StatusReport['services'][number]): IDataObject {
	const copy: Partial<typeof service> = { ...service };
	delete copy.charts;
	return copy as unknown as IDataObject;
}

/** The key of the one service named by the Service parameter (its name, or its full key). */
async function findService(this: IExecuteFunctions, store: StateStore): Promise<string> {
	const service = String(this.getNodeParameter('service', 0, '') ?? '').trim();
	const rows = service
		? await store.all(
				'SELECT service_key FROM service_status WHERE service_key = ? OR service_name = ? ORDER BY service_key',
				service,
				service,
			)
		: [];
	const exact = rows.find((row) => row.service_key === service);
	if (exact) return service;
	if (rows.length === 1) return String(rows[0].service_key);
	const detail =
		rows.length === 0
			? service
				? `no service named "${service}" has been checked`
				: 'it is empty'
			: `${rows.length} services are named "${service}": use the key of one (${rows.map((row) => row.service_key).join(', ')})`;
	throw new NodeOperationError(this.getNode(), `Invalid parameter "service": ${detail}`, {
		description: 'Name a service that an HTTP Service Check node has checked (its Service Name).',
	});
}

async function history(
	this: IExecuteFunctions,
	store: StateStore,
	serviceKey: string,
	now: Date,
): Promise<INodeExecutionData[]> {
	const period = String(this.getNodeParameter('period', 0, '24h') ?? '').trim();
	const from = periodStart(period, now.getTime());
	if (from === null) {
		throw new NodeOperationError(
			this.getNode(),
			`Invalid parameter "period": "${period}" is not a number of hours or days (24h, 7d) or a past date`,
			{ description: 'Examples: 24h, 7d, 90d, 2026-11-01, 2026-11-01T08:00:00+01:00.' },
		);
	}
	const granularity = this.getNodeParameter('granularity', 0, 'auto') as Tier | 'auto';
	const tier =
		granularity === 'auto' ? tierFor(now.getTime() - from, DEFAULT_RETENTION) : granularity;
	const result = await readHistory(store, serviceKey, from, now.getTime() + 1, tier);
	const points = (result.results ?? result.buckets ?? []) as unknown as IDataObject[];
	return points.map((point) => ({ json: { service: serviceKey, granularity: tier, ...point } }));
}

/** Epoch ms of the period's start, or null when it is not a period or a past instant. */
export function periodStart(period: string, now: number): number | null {
	const relative = /^(\d{1,5})\s*(h|d)$/i.exec(period);
	if (relative) {
		const amount = Number(relative[1]);
		return amount > 0
			? now - amount * (relative[2].toLowerCase() === 'h' ? HOUR_MS : DAY_MS)
			: null;
	}
	// A date alone is a UTC day; a date-time must carry its offset, so it never depends on the host zone.
	if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(period))
		return null;
	const start = Date.parse(period);
	return Number.isNaN(start) || start > now ? null : start;
}
