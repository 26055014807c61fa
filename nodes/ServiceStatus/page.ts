import { BAR_DAYS, type DailySeries } from '../shared/history/read';
import { uptimePercent } from '../shared/history/stats';
import { dailyTotals } from '../shared/history/summaryCells';
import type { MaintenanceInfo, OpenRequest, ServiceState, StatusReport } from './types';

type ServiceRow = StatusReport['services'][number];

const STATE_LABEL: Record<ServiceState, string> = {
	up: 'Up',
	down: 'Down',
	maintenance: 'Maintenance',
	unknown: 'Unknown',
};

/** Overall state for the header and the badge of the page. */
export function overallState(report: StatusReport): { state: ServiceState; text: string } {
	const down = report.services.filter((service) => service.state === 'down').length;
	const inMaintenance = report.services.filter((service) => service.state === 'maintenance').length;
	if (down > 0 && down === report.services.length)
		return { state: 'down', text: 'Major outage: every service is down' };
	if (down > 0)
		return {
			state: 'down',
			text: `Partial outage: ${down} of ${report.services.length} services down`,
		};
	if (inMaintenance > 0)
		return {
			state: 'maintenance',
			text: `Maintenance in progress on ${inMaintenance} ${plural(inMaintenance, 'service')}`,
		};
	if (
		report.services.length === 0 ||
		report.services.every((service) => service.state === 'unknown')
	) {
		return { state: 'unknown', text: 'No check recorded yet' };
	}
	return { state: 'up', text: 'All systems operational' };
}

/** The status page: one self-contained HTML document (inline CSS and SVG, no script, no external resource). */
export function renderStatusPage(report: StatusReport, title: string): string {
	const overall = overallState(report);
	const groups = new Map<string, ServiceRow[]>();
	for (const service of report.services) {
		const key = service.equipment || '(no equipment)';
		const group = groups.get(key);
		if (group) group.push(service);
		else groups.set(key, [service]);
	}
	let rows = 0;
	const body = [...groups]
		.map(
			([equipment, services]) =>
				`<tbody><tr class="group"><th colspan="6" scope="rowgroup">${esc(equipment)}</th></tr>${services.map((service) => serviceRow(service, `u${rows++}`)).join('')}</tbody>`,
		)
		.join('');
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>${esc(title)}</title><style>${CSS}</style></head>
<body><main>
<header class="overall s-${overall.state}"><h1>${esc(title)}</h1><p role="status"><span class="dot" aria-hidden="true"></span> <strong>${esc(overall.text)}</strong></p>
<p class="muted">Updated <time datetime="${esc(report.generatedAt)}">${humanTime(report.generatedAt)}</time></p></header>
${incidents(report.openRequests)}${maintenanceSection(report.maintenance)}
<section aria-labelledby="services-title"><h2 id="services-title">Services</h2>
<p class="legend">${LEGEND}</p>
<table><caption class="sr">Services by equipment: state, uptime, response time and the last ${BAR_DAYS} days</caption>
<thead><tr><th scope="col">Service</th><th scope="col">State</th><th scope="col">Uptime 24 h / 7 d / 30 d</th><th scope="col">Response time (24 h)</th><th scope="col">Last ${BAR_DAYS} days</th><th scope="col">Last check</th></tr></thead>
${body || '<tbody><tr><td colspan="6">No service has been checked yet: run a monitoring workflow with the HTTP Service Check node.</td></tr></tbody>'}
</table></section>
<footer class="muted"><p>Uptime counts the share of successful checks, leaving out checks made while the equipment was in maintenance. Days are UTC days.</p></footer>
</main></body></html>`;
}

function serviceRow(service: ServiceRow, barId: string): string {
	const uptime = `${percent(service.uptime['24h'])} / ${percent(service.uptime['7d'])} / ${percent(service.uptime['30d'])}`;
	let response =
		service.responseTimeMs === null ? 'no response' : `last ${service.responseTimeMs} ms`;
	if (service.p95ResponseTimeMs !== null) response += `, p95 ${service.p95ResponseTimeMs} ms`;
	const certificate =
		service.certificateDaysRemaining === null
			? ''
			: `<br><span class="muted">TLS certificate: ${service.certificateDaysRemaining} days left</span>`;
	const status = service.lastStatusCode === null ? '' : ` (HTTP ${service.lastStatusCode})`;
	const checked = service.lastCheckedAt
		? `<time datetime="${esc(service.lastCheckedAt)}">${humanTime(service.lastCheckedAt)}</time>`
		: 'never';
	return `<tr class="s-${service.state}">
<th scope="row">${esc(service.name || service.url)}<br><span class="muted url">${esc(service.url)}</span></th>
<td><span class="dot" aria-hidden="true"></span> ${STATE_LABEL[service.state]}${status}${requestNote(service.openRequest)}</td>
<td>${uptime}</td>
<td>${sparkline(service.charts.hourlyAverageMs)}<br>${response}</td>
<td>${dayBar(service.charts.daily, barId)}${certificate}</td>
<td>${checked}</td>
</tr>`;
}

function requestNote(request: OpenRequest | null): string {
	if (!request) return '';
	const label = `open request #${request.id}`;
	return `<br><span class="muted">${request.link ? `<a href="${esc(request.link)}">${esc(label)}</a>` : esc(label)}</span>`;
}

const DAY_KINDS = ['up', 'partial', 'down', 'maintenance', 'none'] as const;
// Their indexes in DAY_KINDS.
const UP = 0;
const PARTIAL = 1;
const DOWN = 2;
const MAINTENANCE = 3;
const NONE = 4;

const DAY_LABEL: Record<(typeof DAY_KINDS)[number], string> = {
	up: 'no failure',
	partial: 'some failures',
	down: 'mostly down',
	maintenance: 'maintenance only',
	none: 'no data',
};

/** The kind (index in DAY_KINDS) of the bar's day `index`. */
function dayKind(daily: DailySeries, index: number): number {
	const checks = daily.checks[index] ?? 0;
	if (checks === 0) return (daily.maintenance[index] ?? 0) > 0 ? MAINTENANCE : NONE;
	const failures = daily.failures[index] ?? 0;
	if (failures === 0) return UP;
	return failures / checks >= 0.5 ? DOWN : PARTIAL;
}

/**
 * The bar of the last BAR_DAYS days: one SVG path per kind of day (a run of days of one kind is one
 * stroke), labelled by the text summary beside it (`id`: unique in the page).
 */
export function dayBar(daily: DailySeries, id: string): string {
	const daysOfKind = [0, 0, 0, 0, 0];
	const strokes = ['', '', '', '', ''];
	let run = dayKind(daily, 0);
	let runStart = 0;
	for (let index = 1; index <= BAR_DAYS; index++) {
		const kind = index === BAR_DAYS ? -1 : dayKind(daily, index);
		if (kind === run) continue;
		daysOfKind[run] += index - runStart;
		strokes[run] += `M${runStart} 5h${index - runStart}`;
		run = kind;
		runStart = index;
	}
	const uptime = uptimePercent(dailyTotals(daily));
	const counts: string[] = [];
	// The commonest kind is drawn once across the bar, the others over it.
	let base = 0;
	for (let kind = 0; kind < DAY_KINDS.length; kind++) {
		if (daysOfKind[kind] > daysOfKind[base]) base = kind;
		if (daysOfKind[kind] > 0)
			counts.push(
				`${daysOfKind[kind]} ${plural(daysOfKind[kind], 'day')} ${DAY_LABEL[DAY_KINDS[kind]]}`,
			);
	}
	const text = `${BAR_DAYS}-day uptime ${percent(uptime)}: ${counts.join(', ')}`;
	let paths = `<path class="d-${DAY_KINDS[base]}" d="M0 5h${BAR_DAYS}"/>`;
	for (let kind = 0; kind < DAY_KINDS.length; kind++) {
		if (kind !== base && strokes[kind] !== '')
			paths += `<path class="d-${DAY_KINDS[kind]}" d="${strokes[kind]}"/>`;
	}
	return `<svg class="bar" viewBox="0 0 ${BAR_DAYS} 10" preserveAspectRatio="none" role="img" aria-labelledby="${id}">${paths}</svg><span class="muted" id="${id}">${text}</span>`;
}

/** Average response time per hour over 24 h, as one path (gaps where an hour has none); its alt text gives the range. */
export function sparkline(values: Array<number | null>): string {
	const width = Math.max(values.length - 1, 1);
	let min = Infinity;
	let max = -Infinity;
	for (const value of values) {
		if (value === null) continue;
		if (value < min) min = value;
		if (value > max) max = value;
	}
	if (max === -Infinity) {
		return `<svg class="spark" viewBox="0 0 ${width} 20" role="img" aria-label="No response time in the last 24 hours"></svg>`;
	}
	const top = Math.max(max, 1);
	// Runs of hours as one line; an hour alone between gaps as a dot of its own, drawn larger.
	let line = '';
	let dots = '';
	for (let index = 0; index < values.length; index++) {
		const value = values[index];
		if (value === null) continue;
		const point = `${index} ${Math.round(19 - (value / top) * 18)}`;
		const starts = index === 0 || values[index - 1] === null;
		const ends = index === values.length - 1 || values[index + 1] === null;
		if (starts && ends) dots += `M${point}h0`;
		else line += starts ? `M${point}` : ` ${point}`;
	}
	const paths = `${line ? `<path d="${line}"/>` : ''}${dots ? `<path class="pt" d="${dots}"/>` : ''}`;
	const label = `Hourly response time, last 24 h: ${min} to ${top} ms`;
	return `<svg class="spark" viewBox="0 0 ${width} 20" preserveAspectRatio="none" role="img" aria-label="${esc(label)}">${paths}</svg>`;
}

function incidents(requests: OpenRequest[]): string {
	if (requests.length === 0) {
		return '<section aria-labelledby="incidents-title"><h2 id="incidents-title">Current incidents</h2><p>No open incident.</p></section>\n';
	}
	const items = requests
		.map((request) => {
			const name = request.link
				? `<a href="${esc(request.link)}">${esc(request.name)}</a>`
				: esc(request.name);
			const since = request.createdAt
				? `, open since <time datetime="${esc(request.createdAt)}">${humanTime(request.createdAt)}</time>`
				: '';
			return `<li><span class="dot d-down" aria-hidden="true"></span> ${name} (request #${request.id}${since})</li>`;
		})
		.join('');
	return `<section aria-labelledby="incidents-title"><h2 id="incidents-title">Current incidents</h2><ul class="list">${items}</ul></section>\n`;
}

function maintenanceSection(windows: MaintenanceInfo[]): string {
	if (windows.length === 0) return '';
	const items = windows
		.map((window) => {
			const when = window.active
				? `in maintenance until <time datetime="${esc(String(window.end))}">${humanTime(String(window.end))}</time>`
				: `planned from <time datetime="${esc(String(window.start))}">${humanTime(String(window.start))}</time> to <time datetime="${esc(String(window.end))}">${humanTime(String(window.end))}</time>`;
			const reason = window.reason ? `: ${esc(window.reason)}` : '';
			return `<li><span class="dot d-maintenance" aria-hidden="true"></span> <strong>${esc(window.equipment)}</strong> ${window.active ? '(active) ' : '(upcoming) '}${when}${reason}</li>`;
		})
		.join('');
	return `<section aria-labelledby="maintenance-title"><h2 id="maintenance-title">Maintenance</h2><ul class="list">${items}</ul></section>\n`;
}

const LEGEND = DAY_KINDS.map(
	(kind) =>
		`<span><span class="dot d-${kind}" aria-hidden="true"></span> ${DAY_LABEL[kind]}</span>`,
).join(' ');

function percent(value: number | null): string {
	return value === null ? 'no data' : `${value.toFixed(value === 100 ? 0 : 2)} %`;
}

function plural(count: number, word: string): string {
	return count === 1 ? word : `${word}s`;
}

/** `2026-11-30 10:15 UTC`: one format whatever the server's locale. */
function humanTime(iso: string): string {
	// The store's times are already UTC ISO strings: cut, not parsed, 10,000 times a page.
	if (UTC_ISO.test(iso)) return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
	const parsed = new Date(iso);
	return Number.isNaN(parsed.getTime())
		? esc(iso)
		: `${parsed.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const UTC_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

export function esc(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const CSS = `
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--up:#1a7f37;--partial:#9a6700;--down:#cf222e;--maintenance:#0969da;--none:#8c959f;--nodata:#dcdfe3;--link:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;--up:#3fb950;--partial:#d29922;--down:#f85149;--maintenance:#4493f8;--none:#656c76;--nodata:#30363d;--link:#4493f8}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1100px;margin:0 auto;padding:16px}a{color:var(--link)}h1{font-size:1.6rem;margin:0 0 8px}h2{font-size:1.2rem;margin:24px 0 8px}
.muted{color:var(--muted);font-size:.875rem}.overall{padding:16px;border:1px solid var(--line);border-left:6px solid var(--none);border-radius:8px;background:var(--card)}
.overall.s-up{border-left-color:var(--up)}.overall.s-down{border-left-color:var(--down)}.overall.s-maintenance{border-left-color:var(--maintenance)}.overall p{margin:4px 0}
.dot{display:inline-block;width:.75em;height:.75em;border-radius:50%;background:var(--none);vertical-align:baseline}
.s-up .dot,.d-up.dot{background:var(--up)}.s-down .dot,.d-down.dot{background:var(--down)}.s-maintenance .dot,.d-maintenance.dot{background:var(--maintenance)}.d-partial.dot{background:var(--partial)}
.list{padding-left:1.2em}.legend span{margin-right:12px;white-space:nowrap;font-size:.875rem}
table{width:100%;border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:8px;border-bottom:1px solid var(--line)}
thead th{font-size:.875rem;color:var(--muted)}tr.group th{background:var(--card);font-size:.95rem}.url{word-break:break-all}
svg.bar{width:180px;max-width:100%;height:18px;display:block;stroke-width:10}svg.spark{width:120px;height:28px;display:block;fill:none;stroke:var(--link);stroke-width:2;stroke-linecap:round;stroke-linejoin:round}svg.spark path{vector-effect:non-scaling-stroke}svg.spark .pt{stroke-width:5}
.d-up{stroke:var(--up)}.d-partial{stroke:var(--partial)}.d-down{stroke:var(--down)}.d-maintenance{stroke:var(--maintenance)}.d-none{stroke:var(--nodata)}.dot.d-none{background:var(--nodata);box-shadow:inset 0 0 0 1px var(--none)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:700px){thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}table,tbody,tr,th,td{display:block;width:100%}
tr{border-bottom:1px solid var(--line);padding:4px 0}th,td{border:0;padding:4px 8px}td::before{display:block;font-size:.75rem;color:var(--muted)}
td:nth-child(2)::before{content:"State"}td:nth-child(3)::before{content:"Uptime 24 h / 7 d / 30 d"}td:nth-child(4)::before{content:"Response time (24 h)"}td:nth-child(5)::before{content:"Last 90 days"}td:nth-child(6)::before{content:"Last check"}svg.bar{width:100%}}
`.trim();
