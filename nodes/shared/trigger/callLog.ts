import type { Logger } from 'n8n-workflow';

export interface CallLogEntry {
	/** The node's name in the workflow. */
	trigger: string;
	workflowId?: string;
	method: string;
	sourceIp: string;
	status: number;
	/** `accepted`, `duplicate`, or the reason of a refusal. */
	outcome: string;
	model?: unknown;
	id?: unknown;
}

const MAX_VALUE_LENGTH = 120;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Payload values are untrusted: short, single-line, so they cannot forge log lines. */
function clean(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	const flat = text.replace(CONTROL_CHARS, ' ');
	return flat.length > MAX_VALUE_LENGTH ? `${flat.slice(0, MAX_VALUE_LENGTH)}…` : flat;
}

/**
 * One line per call, accepted or refused, so calls that never become an execution can be traced.
 * Only what identifies the call: never headers, credentials, the body or the URL (which holds the
 * secret).
 */
export function logCall(logger: Logger, entry: CallLogEntry, now = new Date()): void {
	const model = clean(entry.model);
	const id = clean(entry.id);
	const subject = model || id ? ` (model ${model ?? '-'}, id ${id ?? '-'})` : '';
	const message = `${entry.trigger}: ${entry.method} from ${entry.sourceIp || 'unknown'} -> ${entry.status} ${clean(entry.outcome) ?? ''}${subject}`;
	const metadata = {
		time: now.toISOString(),
		trigger: entry.trigger,
		workflowId: entry.workflowId,
		method: entry.method,
		sourceIp: entry.sourceIp,
		status: entry.status,
		outcome: clean(entry.outcome),
		model,
		id,
	};
	if (entry.status < 400) logger.info(message, metadata);
	else logger.warn(message, metadata);
}
