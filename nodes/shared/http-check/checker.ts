import { setTimeout as sleep } from 'node:timers/promises';

import { defaultAgents } from './agents';
import { runAttempt, type Agents, type AttemptOutcome } from './attempt';
import { validateCheckOptions, type CheckOptions, type PreparedCheckOptions } from './options';
import { buildTarget } from './target';
import type { CheckResult } from './types';

export interface CheckDeps {
	/** Defaults to agents that open a fresh connection per request. */
	agents?: Agents;
	/** Clock for checkedAt and certificate expiry, in ms since the epoch. */
	now?: () => number;
}

function describeInput(url: unknown): string {
	return typeof url === 'string' ? url : String(url ?? '');
}

/**
 * Checks one service URL. Resolves with a result for every URL problem or network failure;
 * throws InvalidParameterError only for invalid options, which would fail every check alike.
 */
export async function checkService(
	url: unknown,
	options: Partial<CheckOptions> | PreparedCheckOptions = {},
	deps: CheckDeps = {},
): Promise<CheckResult> {
	const prepared = validateCheckOptions(options);
	const now = deps.now ?? Date.now;
	const agents = deps.agents ?? defaultAgents;
	const checkedAt = new Date(now()).toISOString();
	const target = buildTarget(url, prepared);
	if (!target.ok) {
		return {
			url: describeInput(url),
			checkedUrl: null,
			ok: false,
			statusCode: -1,
			error: target.error,
			responseTimeMs: 0,
			timings: { dns: null, tcp: null, tls: null, firstByte: null, download: null, total: 0 },
			attempts: 0,
			redirects: [],
			certificate: null,
			degraded: false,
			checkedAt,
		};
	}

	let attempts = 0;
	let outcome: AttemptOutcome;
	for (;;) {
		attempts++;
		outcome = await runAttempt(target.url, prepared, agents, now);
		if (outcome.ok || attempts > prepared.retries) break;
		if (prepared.retryDelayMs > 0) await sleep(prepared.retryDelayMs);
	}

	const result: CheckResult = {
		url: describeInput(url),
		checkedUrl: target.url,
		ok: outcome.ok,
		statusCode: outcome.statusCode,
		error: outcome.error,
		responseTimeMs: outcome.responseTimeMs,
		timings: outcome.timings,
		attempts,
		redirects: outcome.redirects,
		certificate: outcome.certificate,
		degraded:
			outcome.ok &&
			prepared.degradedAboveMs !== undefined &&
			outcome.responseTimeMs > prepared.degradedAboveMs,
		checkedAt,
	};
	if (outcome.warnings) result.warnings = outcome.warnings;
	return result;
}
