import type { IDataObject } from 'n8n-workflow';

import type { FailingService } from '../backends/types';
import { numberOption } from './context';

export interface CanaryVerdict {
	triggered: boolean;
	reason: string | null;
}

function normalizeUrl(url: string): string {
	try {
		return new URL(url.trim()).href;
	} catch {
		return url.trim();
	}
}

/**
 * Whether the failures look like an outage of the monitoring itself rather than of the equipment: a
 * canary URL (one that should always be up) failed, or more than the set share of the checked
 * services failed at once.
 */
export function canaryVerdict(services: FailingService[], opts: IDataObject): CanaryVerdict {
	const canaryUrls = new Set(
		String(opts.canaryUrls ?? '')
			.split(',')
			.map((url) => url.trim())
			.filter(Boolean)
			.map(normalizeUrl),
	);
	const failedCanary = services.find((service) => canaryUrls.has(normalizeUrl(service.url)));
	if (failedCanary) return { triggered: true, reason: `canary ${failedCanary.url} failed` };
	const percent = numberOption(opts, 'canaryMaxFailurePercent', 0);
	const total = numberOption(opts, 'totalServices', 0);
	if (percent > 0 && total > 0) {
		const share = (services.length / total) * 100;
		if (share > percent) {
			return {
				triggered: true,
				reason: `${services.length} of ${total} services failed (${share.toFixed(1)}% > ${percent}%)`,
			};
		}
	}
	return { triggered: false, reason: null };
}
