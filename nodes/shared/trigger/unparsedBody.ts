import type { INodeProperties } from 'n8n-workflow';

/**
 * Before calling a webhook node, n8n parses the body itself (422 "Failed to parse request body"
 * for malformed JSON, its own 16 MiB limit), except for nodes of type version 1 whose
 * `options.binaryData` is set (the Webhook node v1 "binary data" switch, read by n8n as
 * `$parameter["options"]["binaryData"]`): their request stream arrives unread. This hidden
 * parameter keeps that switch on, so the triggers apply their own size limit and answer malformed
 * bodies with their own JSON errors. It only works while the triggers stay at version 1, and it is
 * why their visible options live under another name.
 */
export const unparsedBodyProperty: INodeProperties = {
	displayName: 'Unparsed Body',
	name: 'options',
	type: 'hidden',
	default: { binaryData: true },
};
