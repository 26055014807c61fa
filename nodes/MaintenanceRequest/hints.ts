import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeExecutionHint,
} from 'n8n-workflow';

/** Makes outcomes visible on the node: undelivered notifications, and a Resolve Recovered run that closed nothing. */
export function outcomeHints(operation: string, items: INodeExecutionData[]): NodeExecutionHint[] {
	const hints: NodeExecutionHint[] = [];
	const statuses = items.flatMap(({ json }) => [
		...notificationStatuses(json.notification),
		...((json.reported as IDataObject[] | undefined) ?? []).flatMap((request) =>
			notificationStatuses(request.notification),
		),
	]);
	const queued = statuses.filter((status) => status === 'queued').length;
	const failed = statuses.filter((status) => status === 'failed').length;
	if (queued) {
		hints.push({
			type: 'warning',
			location: 'outputPane',
			message: `${queued} notification${queued > 1 ? 's were' : ' was'} not delivered and stay queued: Retry Pending sends them on a later run (see "notification.reason")`,
		});
	}
	if (failed) {
		hints.push({
			type: 'warning',
			location: 'outputPane',
			message: `${failed} notification${failed > 1 ? 's' : ''} failed for good (given up after the configured age; see "notification.reason")`,
		});
	}
	if (operation === 'resolveRecovered' && !items.some(({ json }) => json.closed === true)) {
		hints.push({
			type: 'info',
			location: 'outputPane',
			message:
				'Nothing to close: no open "[HTTP KO]" request of these equipment has all its services recovered',
		});
	}
	return hints;
}

function notificationStatuses(notification: unknown): string[] {
	const status = (notification as IDataObject | null | undefined)?.status;
	return typeof status === 'string' ? [status] : [];
}

export function addOutcomeHints(
	fns: IExecuteFunctions,
	operation: string,
	items: INodeExecutionData[],
): void {
	const hints = outcomeHints(operation, items);
	if (hints.length) fns.addExecutionHints(...hints);
}
