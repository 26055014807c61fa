import { BAR_DAYS } from '../../../nodes/shared/history/read';
import { emptyDailySeries } from '../../../nodes/shared/history/summaryCells';
import { dayBar, sparkline } from '../../../nodes/ServiceStatus/page';

function paths(svg: string): Record<string, string> {
	return Object.fromEntries(
		[...svg.matchAll(/<path class="d-(\w+)" d="([^"]*)"\/>/g)].map(([, kind, d]) => [kind, d]),
	);
}

describe('dayBar', () => {
	it('classifies each day, draws the commonest kind across the bar and labels it with counts', () => {
		const daily = emptyDailySeries(BAR_DAYS);
		const days: Array<[number, number, number, number]> = [
			// index, checks, failures, maintenance
			[85, 10, 0, 0], // no failure
			[86, 10, 1, 0], // some failures
			[87, 10, 6, 0], // mostly down
			[88, 0, 0, 4], // maintenance only
			[89, 10, 0, 2], // no failure (maintenance checks do not count)
		];
		for (const [index, checks, failures, maintenance] of days) {
			daily.checks[index] = checks;
			daily.failures[index] = failures;
			daily.maintenance[index] = maintenance;
		}
		const svg = dayBar(daily, 'u7');
		expect(paths(svg)).toEqual({
			none: `M0 5h${BAR_DAYS}`,
			up: 'M85 5h1M89 5h1',
			partial: 'M86 5h1',
			down: 'M87 5h1',
			maintenance: 'M88 5h1',
		});
		expect(svg).toContain(
			'<span class="muted" id="u7">90-day uptime 82.50 %: 2 days no failure, 1 day some failures, 1 day mostly down, 1 day maintenance only, 85 days no data</span>',
		);
		expect(svg).toContain('aria-labelledby="u7"');
	});

	it('shows a service without history as 90 days without data', () => {
		const svg = dayBar(emptyDailySeries(0), 'u0');
		expect(paths(svg)).toEqual({ none: `M0 5h${BAR_DAYS}` });
		expect(svg).toContain('90-day uptime no data: 90 days no data');
	});
});

describe('sparkline', () => {
	it('draws runs of hours as a line with gaps, each hour alone as a larger dot', () => {
		const svg = sparkline([50, 100, null, 100, null, 75, 50, 25, null, 50]);
		expect(svg).toContain(
			'<path d="M0 10 1 1M5 6 6 10 7 15"/><path class="pt" d="M3 1h0M9 10h0"/>',
		);
		expect(svg).toContain('aria-label="Hourly response time, last 24 h: 25 to 100 ms"');
		expect(sparkline([null, 40, null])).toContain('<path class="pt" d="M1 1h0"/></svg>');
	});

	it('says when there is no response time at all', () => {
		expect(sparkline([null, null])).toContain('aria-label="No response time in the last 24 hours"');
		expect(sparkline([])).toContain('aria-label="No response time in the last 24 hours"');
	});
});
