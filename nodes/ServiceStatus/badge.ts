import { esc } from './page';
import type { ServiceOverview } from './types';

const COLOR = {
	up: '#1a7f37',
	down: '#cf222e',
	maintenance: '#0969da',
	unknown: '#6e7781',
} as const;

/** Width of a text in Verdana 11px, roughly, as shields.io badges are drawn. */
function textWidth(text: string): number {
	return Math.round([...text].length * 6.5 + 10);
}

/** A shields-style badge: the service name, then its state and 30-day uptime, in text as well as colour. */
export function renderBadge(service: Pick<ServiceOverview, 'name' | 'state' | 'uptime'>): string {
	const label = service.name;
	const uptime = service.uptime['30d'];
	const value =
		uptime === null ? service.state : `${service.state} ${uptime.toFixed(uptime === 100 ? 0 : 2)}%`;
	const left = textWidth(label);
	const right = textWidth(value);
	const width = left + right;
	const title = `${label}: ${value}${uptime === null ? '' : ' uptime (30 days)'}`;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${COLOR[service.state]}"/><rect width="${width}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="${left / 2}" y="14">${esc(label)}</text><text x="${left + right / 2}" y="14">${esc(value)}</text></g></svg>`;
}
