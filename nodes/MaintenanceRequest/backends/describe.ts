import { htmlJoin, htmlList, htmlParagraph, type HtmlFragment } from '../../shared/odoo/html';
import type { FailingService } from './types';

export const REQUEST_PREFIX = '[HTTP KO]';

export function requestName(equipment: string): string {
	return `${REQUEST_PREFIX} ${equipment}`;
}

/** "HTTP 503" or the network error, as the Odoo module reports it. */
export function failureReason(service: FailingService): string {
	if (service.statusCode > 0) return `HTTP ${service.statusCode}${service.error ? ` (${service.error})` : ''}`;
	return service.error || 'no HTTP response';
}

export function serviceLine(service: FailingService): string {
	const label = service.service && service.service !== service.url ? `${service.service} ` : '';
	return `Service KO: ${label}${service.url} - ${failureReason(service)} at ${service.failedAt}`;
}

/** Plain-text description: one line per failing service (used locally and in notifications). */
export function describeServices(services: FailingService[]): string {
	return services.map(serviceLine).join('\n');
}

/** The same as HTML for Odoo's html field, every user-provided text escaped. */
export function describeServicesHtml(equipment: string, services: FailingService[]): HtmlFragment {
	return htmlJoin(
		htmlParagraph(`Failing services of ${equipment}:`),
		htmlList(services.map(serviceLine)),
	);
}
