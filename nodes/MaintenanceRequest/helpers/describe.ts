import {
	escapeHtml,
	htmlJoin,
	htmlList,
	htmlParagraph,
	type HtmlFragment,
} from '../../shared/odoo/html';
import type { FailingService } from '../backends/types';

/** The service name and URL, the name left out when it is the URL itself. */
export function serviceLabel(service: Pick<FailingService, 'service' | 'url'>): string {
	return service.service && service.service !== service.url
		? `${service.service} ${service.url}`.trim()
		: service.url || service.service;
}

/**
 * "HTTP 503" (with the check's error when it says more than the status, e.g. an expired certificate or
 * a missing keyword), or the network error when there was no HTTP response.
 */
export function failureReason(service: FailingService): string {
	if (service.statusCode > 0) {
		const detail =
			service.error && !service.error.startsWith('UNEXPECTED_STATUS') ? ` (${service.error})` : '';
		return `HTTP ${service.statusCode}${detail}`;
	}
	return service.error || 'no HTTP response';
}

export function serviceLine(service: FailingService): string {
	return `Service KO: ${serviceLabel(service)} - ${failureReason(service)} at ${service.failedAt}`;
}

/** The recovery note as Odoo HTML: the heading, then one escaped line per service. */
export function recoveryNoteHtml(recovered: FailingService[]): HtmlFragment {
	return htmlJoin(htmlParagraph('All services recovered:'), htmlList(recovered.map(serviceLabel)));
}

/** The note listing failing services added to an open request, one escaped line per service. */
export function addedServicesHtml(services: FailingService[]): HtmlFragment {
	return htmlList(services.map(serviceLine));
}

/**
 * Text description, one line per failing service (the Local backend's description and the webhook
 * notification's), HTML-escaped: names and URLs come from monitored data, and a receiver that
 * renders HTML (a chat) must not be injectable through them.
 */
export function describeServices(services: FailingService[]): string {
	return services.map((service) => escapeHtml(serviceLine(service))).join('\n');
}

/** The same as HTML for Odoo's html field, every user-provided text escaped. */
export function describeServicesHtml(equipment: string, services: FailingService[]): HtmlFragment {
	return htmlJoin(
		htmlParagraph(`Failing services of ${equipment}:`),
		htmlList(services.map(serviceLine)),
	);
}
