import { checkService, type CheckDeps } from './checker';
import { validateCheckOptions, type CheckOptions, type PreparedCheckOptions } from './options';
import { runChecks } from './pool';
import type { CheckResult } from './types';

/** The per-host key: the host name, so services on different ports of one machine share a cap. */
export function hostOfUrl(url: unknown): string {
	if (typeof url !== 'string') return '';
	try {
		return new URL(url.trim()).hostname;
	} catch {
		return '';
	}
}

/** Checks many services with the options' concurrency limits; results are in input order. */
export function checkServices(
	urls: readonly unknown[],
	options: Partial<CheckOptions> | PreparedCheckOptions = {},
	deps: CheckDeps = {},
): Promise<CheckResult[]> {
	const prepared = validateCheckOptions(options);
	return runChecks(urls, (url) => checkService(url, prepared, deps), {
		concurrency: prepared.concurrency,
		perHostConcurrency: prepared.perHostConcurrency,
		hostOf: hostOfUrl,
	});
}
