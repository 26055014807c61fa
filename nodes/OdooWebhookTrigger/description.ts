import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperties } from '../shared/trigger/authParameters';
import { unparsedBodyProperty } from '../shared/trigger/unparsedBody';
import { DEFAULT_MAX_BODY_KB } from './config';

export const odooWebhookTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'The production URL is secret, like the URL of an Odoo webhook: it ends in this node’s random webhook ID (and the secret path component below, when set). Anyone who has it can start the workflow. To rotate it, set a new secret path component and publish again: the old URL then answers 404.',
		name: 'secretNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Secret Path Component',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		placeholder: 'e.g. the output of: openssl rand -hex 16',
		description:
			'Optional random text (22 to 128 characters: A-Z a-z 0-9 - _) appended to the URL. Change it to rotate the URL, like "Rotate Secret" in Odoo.',
	},
	{
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Immediately',
				value: 'onReceived',
				description: 'Answer 200 {"status": "ok"} as soon as the call is accepted',
			},
			{
				name: 'When the Workflow Finishes',
				value: 'lastNode',
				description:
					'Answer 200 {"status": "ok"} when the workflow succeeds, 500 {"status": "error"} when it fails, like Odoo',
			},
		],
		default: 'onReceived',
	},
	...authenticationProperties,
	{
		displayName: 'Required Fields',
		name: 'requiredFields',
		type: 'string',
		default: 'model, id',
		placeholder: 'name, email',
		description:
			'Comma-separated payload keys that must be present and not empty (null, false, ""), else the call gets 400 and starts nothing. The model and ID keys may also come with Odoo’s underscore prefix (_model, _id).',
	},
	{
		displayName: 'Allowed Models',
		name: 'allowedModels',
		type: 'string',
		default: '',
		placeholder: 'sale.order, res.partner',
		description:
			'Comma-separated Odoo models the payload may name; empty allows any. Required with Fetch Target Record.',
	},
	{
		displayName: 'Fetch Target Record',
		name: 'fetchRecord',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the record named by the payload’s model and ID from Odoo and output it as "record" (the Studio "Target Record"); a record that does not exist gets 404 and starts nothing',
	},
	{
		displayName: 'Record Fields',
		name: 'recordFields',
		type: 'string',
		default: '',
		placeholder: 'name, currency_id, state',
		description: 'Comma-separated fields to read; empty reads every field',
		displayOptions: { show: { fetchRecord: [true] } },
	},
	{
		displayName: 'Fetch Sensitive Models',
		name: 'fetchSensitiveModels',
		type: 'boolean',
		default: false,
		description:
			'Whether callers may have records of models that hold secrets or access rights read (ir.*, res.users*, res.groups*, res.config*, auth_*, API keys) when they are in Allowed Models. Off, such models refuse to publish.',
		displayOptions: { show: { fetchRecord: [true] } },
	},
	{
		displayName: 'Options',
		name: 'triggerOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'IP Allowlist',
				name: 'allowedIps',
				type: 'string',
				default: '',
				placeholder: '10.0.0.0/8, 2001:db8::/32',
				description:
					'Comma-separated addresses and CIDR ranges (IPv4 and IPv6) allowed to call; others get 403. Empty allows any address.',
			},
			{
				displayName: 'Log Calls',
				name: 'logCalls',
				type: 'boolean',
				default: false,
				description:
					'Whether to log every call, accepted or refused, to n8n’s log: time, method, source IP, outcome, model and ID (never credentials, payloads or the URL)',
			},
			{
				displayName: 'Max Body Size (KiB)',
				name: 'maxBodySizeKb',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 16384 },
				default: DEFAULT_MAX_BODY_KB,
				description: 'Larger bodies get 413 and start nothing',
			},
			{
				displayName: 'Trusted Proxy Hops',
				name: 'trustedProxyHops',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 0,
				description:
					'How many reverse proxies in front of n8n append to X-Forwarded-For. 0 ignores the header (it can be forged) and uses the connection’s address.',
			},
		],
	},
	unparsedBodyProperty,
];
