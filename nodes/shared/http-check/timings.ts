import type { CheckTimings } from './types';

/** The part of got's request timings (from @szmarczak/http-timer) read here. */
export interface RequestTimings {
	start: number;
	socket?: number;
	lookup?: number;
	connect?: number;
	phases: {
		dns?: number;
		tcp?: number;
		tls?: number;
		firstByte?: number;
		download?: number;
		total?: number;
	};
}

const orNull = (value: number | undefined): number | null => (value === undefined ? null : value);

/**
 * Snapshot of got's timings for one request. got's timer books the TCP connect of an IP-literal
 * host (no lookup happens) as DNS; that is moved to `tcp` and `dns` is null.
 */
export function toCheckTimings(
	timings: RequestTimings | undefined,
	hostIsIp: boolean,
	fallbackTotalMs: number,
	nowMs: number,
): CheckTimings {
	if (!timings) {
		return {
			dns: null,
			tcp: null,
			tls: null,
			firstByte: null,
			download: null,
			total: fallbackTotalMs,
		};
	}
	const { phases } = timings;
	let dns = orNull(phases.dns);
	let tcp = orNull(phases.tcp);
	if (hostIsIp) {
		tcp =
			timings.connect === undefined ? null : timings.connect - (timings.socket ?? timings.start);
		dns = null;
	} else if (timings.connect === undefined) {
		// The timer only sets dns on connect; a failed or unfinished connect leaves it unset.
		dns = timings.lookup === undefined ? null : orNull(phases.dns);
		tcp = null;
	}
	return {
		dns,
		tcp,
		tls: orNull(phases.tls),
		firstByte: orNull(phases.firstByte),
		download: orNull(phases.download),
		total: phases.total ?? nowMs - timings.start,
	};
}
