import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import {
	checkService,
	hostOfUrl,
	runChecks,
	validateCheckOptions,
	type CheckOptions,
	type CheckResult,
	type PreparedCheckOptions,
} from '../shared/http-check';
import { InvalidParameterError } from '../shared/errors';
import { recordHistory, type HistoryEntry } from '../shared/history/record';
import { validateRetention, type Retention } from '../shared/history/retention';
import { windowStatuses } from '../shared/store/maintenanceWindows';
import { recordChecks, serviceKey, type ServiceState } from '../shared/store/serviceStatus';
import { toNodeError } from '../shared/n8n/errors';
import { itemParameter } from '../shared/n8n/itemParameter';
import { executionStateStore } from '../shared/n8n/store';
import { redactUrl, redactUrlsInText } from '../shared/net/redactUrl';
import type { StateStore } from '../shared/store/stateStore';
import { OPTION_GROUPS } from './descriptions/v2';

interface PreparedCheck {
	itemIndex: number;
	url: unknown;
	serviceName: string;
	equipment: string;
	options: PreparedCheckOptions;
	thresholds: { failureThreshold: number; successThreshold: number };
	/** Retention of the history, or null when the run keeps none. */
	history: Retention | null;
	/** The whole check in the output, not only what a large list needs (see checkOutput). */
	details: boolean;
}

const UP = 0;
const DOWN = 1;

export async function executeHttpServiceCheck(
	this: IExecuteFunctions,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = [[], []];
	const prepared: PreparedCheck[] = [];
	const parameters = parametersOf(this);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push(await prepareCheck.call(this, parameters, itemIndex));
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, itemIndex);
			outputs[DOWN].push(
				...this.helpers.constructExecutionMetaData(
					[{ json: { ...items[itemIndex].json, error: (error as Error).message } }],
					{ itemData: { item: itemIndex } },
				),
			);
		}
	}
	if (prepared.length === 0) return outputs;

	const storePath = this.getNodeParameter('options.storePath', 0, '') as string;
	let store;
	try {
		store = await executionStateStore(this, storePath);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}

	const { concurrency, perHostConcurrency } = prepared[0].options;
	const results = await runChecks(prepared, (check) => checkService(check.url, check.options), {
		concurrency,
		perHostConcurrency,
		hostOf: (check) => hostOfUrl(check.url),
	});

	// An item without any URL (e.g. a node run without input) is no service: nothing to keep in the store.
	const hasUrl = (check: PreparedCheck) =>
		check.url !== undefined && check.url !== null && String(check.url).trim() !== '';
	const checked = prepared.map((check, position) => ({
		check,
		result: explainUpgrade(redactResult(results[position])),
		url: hasUrl(check) ? redactUrl(String(check.url)) : undefined,
	}));
	const states = await recordAll(
		store,
		checked.filter((entry): entry is Recorded => entry.url !== undefined),
	);
	const history: HistoryEntry[] = [];
	let withoutUrl = 0;
	checked.forEach(({ check, result, url }) => {
		const input = items[check.itemIndex].json;
		const state = states.get(check);
		if (!state || url === undefined) {
			withoutUrl++;
			outputs[DOWN].push(
				...this.helpers.constructExecutionMetaData(
					[{ json: { ...input, ...summaryOf(result, 'down'), check: result } }],
					{ itemData: { item: check.itemIndex } },
				),
			);
			return;
		}
		if (check.history) history.push(historyEntry(check, url, result));
		const down = state.reportedState === 'down' || result.error?.code === 'INVALID_URL';
		outputs[down ? DOWN : UP].push(
			...this.helpers.constructExecutionMetaData(
				// Not returnJsonArray: an input item's own "json" field must stay a field.
				[
					{
						json: {
							...input,
							...summaryOf(result, state.reportedState),
							check: checkOutput(result, state, check.details),
						},
					},
				],
				{ itemData: { item: check.itemIndex } },
			),
		);
	});
	if (withoutUrl > 0) {
		this.addExecutionHints({
			message: `${withoutUrl} of ${items.length} items had no URL and went to Down without being recorded. The node expects one item per service with a "url" field (or set the URL parameter).`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	if (history.length > 0) {
		try {
			await flagMaintenance(store, history, prepared);
			await recordHistory(store, history, prepared[0].history as Retention, Date.now());
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}
	return outputs;
}

interface Recorded {
	check: PreparedCheck;
	result: CheckResult;
	url: string;
}

/** Records every check's outcome and applies its thresholds, a few hundred checks per statement. */
async function recordAll(
	store: StateStore,
	checked: Recorded[],
): Promise<Map<PreparedCheck, ServiceState>> {
	const states = await recordChecks(
		store,
		checked.map(({ check, result, url }) => ({
			outcome: {
				serviceKey: serviceKey(check.equipment, check.serviceName, url),
				equipment: check.equipment,
				serviceName: check.serviceName,
				url,
				ok: result.ok,
				statusCode: result.statusCode,
				errorCode: result.error?.code ?? null,
				checkedAt: result.checkedAt,
			},
			thresholds: check.thresholds,
		})),
	);
	return new Map(checked.map(({ check }, position) => [check, states[position]]));
}

function historyEntry(
	check: PreparedCheck,
	url: string,
	result: CheckResult,
): HistoryEntry & { equipment: string } {
	return {
		serviceKey: serviceKey(check.equipment, check.serviceName, url),
		equipment: check.equipment,
		certExpiresAt: result.certificate?.validTo ?? null,
		sample: {
			at: Date.parse(result.checkedAt),
			ok: result.ok,
			maintenance: false,
			statusCode: result.statusCode === -1 ? null : result.statusCode,
			responseTimeMs: result.statusCode === -1 ? null : result.responseTimeMs,
			errorCode: result.error?.code ?? null,
		},
	};
}

/** Results of equipment in a Local maintenance window count as neither up nor down. */
async function flagMaintenance(
	store: StateStore,
	history: Array<HistoryEntry & { equipment?: string }>,
	prepared: PreparedCheck[],
): Promise<void> {
	const equipments = new Set(
		prepared.map((check) => check.equipment).filter((equipment) => equipment !== ''),
	);
	if (equipments.size === 0) return;
	const statuses = await windowStatuses(store, equipments, new Date().toISOString());
	for (const entry of history) {
		if (entry.equipment && statuses.get(entry.equipment)?.active) entry.sample.maintenance = true;
	}
}

/** The node's parameters, each read as cheaply as its value allows (see itemParameter). */
function parametersOf(context: IExecuteFunctions) {
	return {
		url: itemParameter<unknown>(context, 'url', ''),
		serviceName: itemParameter<unknown>(context, 'serviceName', ''),
		equipment: itemParameter<unknown>(context, 'equipment', ''),
		authentication: itemParameter<unknown>(context, 'authentication', 'none'),
		options: itemParameter<IDataObject>(context, 'options', {}),
		upgradeToHttps: itemParameter<unknown>(context, 'upgradeToHttps', true),
	};
}

type Parameters = ReturnType<typeof parametersOf>;

async function prepareCheck(
	this: IExecuteFunctions,
	parameters: Parameters,
	itemIndex: number,
): Promise<PreparedCheck> {
	const raw = optionsOf.call(this, parameters, itemIndex);
	const headers: Record<string, string> = {};
	const headerRows = ((raw.headers as IDataObject | undefined)?.header ?? []) as IDataObject[];
	for (const row of headerRows) {
		if (row.name) headers[String(row.name)] = String(row.value ?? '');
	}
	let auth: CheckOptions['auth'] = null;
	if (parameters.authentication(itemIndex) === 'basicAuth') {
		const credentials = await this.getCredentials('odooMaintenanceBasicAuthApi', itemIndex);
		auth = { user: String(credentials.user ?? ''), password: String(credentials.password ?? '') };
	}
	const thresholds = {
		failureThreshold: raw.failureThreshold === undefined ? 1 : Number(raw.failureThreshold),
		successThreshold: raw.successThreshold === undefined ? 1 : Number(raw.successThreshold),
	};
	try {
		for (const [name, value] of Object.entries(thresholds)) {
			if (!Number.isInteger(value) || value < 1) {
				const detail = `must be a whole number of at least 1, got ${value}`;
				throw new InvalidParameterError(name, detail, `${name} ${detail}`);
			}
		}
		const options = validateCheckOptions(
			withoutUndefined({
				method: raw.method as CheckOptions['method'],
				acceptedStatusCodes: raw.acceptedStatusCodes as string | undefined,
				followRedirects: raw.followRedirects as boolean | undefined,
				maxRedirects: raw.maxRedirects as number | undefined,
				timeoutMs: raw.timeout as number | undefined,
				verifyTls:
					raw.allowUnauthorizedCerts === undefined ? undefined : !raw.allowUnauthorizedCerts,
				upgradeToHttps: raw.upgradeToHttps as boolean | undefined,
				healthPath: (raw.healthPath as string | undefined) || undefined,
				auth,
				headers,
				bodyMustContain: (raw.bodyMustContain as string | undefined) || undefined,
				bodyMustNotContain: (raw.bodyMustNotContain as string | undefined) || undefined,
				degradedAboveMs: (raw.degradedAboveMs as number | undefined) || undefined,
				retries: raw.retries as number | undefined,
				retryDelayMs: raw.retryDelayMs as number | undefined,
				certExpiryWarningDays: raw.certExpiryWarningDays as number | undefined,
				concurrency: raw.concurrency as number | undefined,
				perHostConcurrency: raw.perHostConcurrency as number | undefined,
			}),
		);
		return {
			itemIndex,
			url: parameters.url(itemIndex),
			serviceName: redactUrlsInText(String(parameters.serviceName(itemIndex) ?? '')),
			equipment: String(parameters.equipment(itemIndex) ?? ''),
			options,
			thresholds,
			details: this.getNode().typeVersion < 2 || raw.includeDetails === true,
			history:
				raw.recordHistory === false
					? null
					: validateRetention({
							rawHours: raw.historyRawHours,
							hourlyDays: raw.historyHourlyDays,
							dailyDays: raw.historyDailyDays,
						}),
		};
	} catch (error) {
		if (error instanceof InvalidParameterError) {
			throw new NodeOperationError(this.getNode(), error.message, {
				itemIndex,
				description: `Fix the option "${error.parameter}" of the node.`,
			});
		}
		throw toNodeError(this.getNode(), error, itemIndex);
	}
}

/** The options of an item by their version 1 names: version 2 groups them and shows the HTTPS upgrade by the URL. */
function optionsOf(
	this: IExecuteFunctions,
	parameters: Parameters,
	itemIndex: number,
): IDataObject {
	const raw = parameters.options(itemIndex);
	if (this.getNode().typeVersion < 2) return raw;
	const flat: IDataObject = { ...raw };
	for (const group of OPTION_GROUPS) {
		delete flat[group];
		Object.assign(flat, ((raw[group] as IDataObject | undefined)?.values ?? {}) as IDataObject);
	}
	flat.upgradeToHttps = parameters.upgradeToHttps(itemIndex) as boolean;
	return flat;
}

/** The result without the user-info (`user:password@`) of any URL: it is output and stored. */
function redactResult(result: CheckResult): CheckResult {
	return {
		...result,
		url: redactUrl(result.url),
		checkedUrl: result.checkedUrl === null ? null : redactUrl(result.checkedUrl),
		redirects: result.redirects.map((hop) => ({ ...hop, url: redactUrl(hop.url) })),
		error: result.error && { ...result.error, message: redactUrlsInText(result.error.message) },
	};
}

/**
 * What a check item carries: everything with Include Details (and on version 1, as it always did) or
 * when the check failed; otherwise no timing breakdown, redirect chain or certificate issuer and subject,
 * which a large service list would multiply into most of the execution's data.
 */
function checkOutput(result: CheckResult, state: ServiceState, details: boolean): IDataObject {
	const shown: IDataObject = { ...result };
	if (!details && result.ok) {
		delete shown.timings;
		delete shown.redirects;
		shown.certificate = result.certificate && {
			validTo: result.certificate.validTo,
			daysRemaining: result.certificate.daysRemaining,
		};
	}
	return {
		...shown,
		consecutiveFailures: state.consecutiveFailures,
		consecutiveSuccesses: state.consecutiveSuccesses,
		state: state.reportedState,
		stateChanged: state.stateChanged,
	};
}

/** Top-level fields for n8n's table view: the reported state, the status code and the error, if any. */
function summaryOf(result: CheckResult, state: string): IDataObject {
	return {
		state,
		statusCode: result.statusCode,
		error: result.error ? `${result.error.code}: ${result.error.message}` : null,
	};
}

/** A failed check of an http:// URL that was checked over HTTPS says so: the cause is often the upgrade itself. */
function explainUpgrade(result: CheckResult): CheckResult {
	const upgraded = result.url.startsWith('http://') && result.checkedUrl?.startsWith('https://');
	if (!upgraded || !result.error) return result;
	return {
		...result,
		error: {
			...result.error,
			message: `${result.error.message} (${result.url} was checked over HTTPS because the option "Upgrade HTTP to HTTPS" is on; turn it off for a service that only speaks HTTP)`,
		},
	};
}

/** Unset node options must fall back to the checker's defaults, not override them with undefined. */
function withoutUndefined(
	options: Partial<Record<keyof CheckOptions, unknown>>,
): Partial<CheckOptions> {
	return Object.fromEntries(
		Object.entries(options).filter(([, value]) => value !== undefined),
	) as Partial<CheckOptions>;
}
