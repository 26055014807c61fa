import type { INodeProperties } from 'n8n-workflow';

import { storePathOption } from '../shared/n8n/descriptions';
import { authenticationProperties } from '../shared/trigger/authParameters';
import { unparsedBodyProperty } from '../shared/trigger/unparsedBody';
import { DEFAULT_ALLOWED_IPS, DEFAULT_DUPLICATE_WINDOW_SECONDS, DEFAULT_PATH } from './config';

export const ipChangeTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Odoo.sh sends GET /_odoo.sh/ip-change?new=…&old=… to the Odoo instance, not to n8n: forward it with a small Odoo controller, or route the path to n8n with a reverse-proxy rule (see Docs, top right).',
		name: 'odooShNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: DEFAULT_PATH,
		required: true,
		description:
			'Full path after /webhook/, so the default URL is &lt;n8n&gt;/webhook/_odoo.sh/ip-change',
	},
	{
		displayName: 'IP Allowlist',
		name: 'allowedIps',
		type: 'string',
		default: DEFAULT_ALLOWED_IPS,
		required: true,
		description:
			'Comma-separated addresses and CIDR ranges (IPv4 and IPv6) allowed to call. Anyone else gets 403 Forbidden and starts nothing. Default: loopback, private and link-local ranges.',
	},
	{
		displayName: 'Trusted Proxy Hops',
		name: 'trustedProxyHops',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 0,
		description:
			'How many reverse proxies in front of n8n append to X-Forwarded-For. 0 ignores the header (anyone can forge it) and checks the connection’s address.',
	},
	...authenticationProperties,
	{
		displayName: 'Duplicate Window (Seconds)',
		name: 'duplicateWindowSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_DUPLICATE_WINDOW_SECONDS,
		description:
			'A repeat of the last change (same old and new) within this time after it is a duplicate. 0 turns the check off.',
	},
	{
		displayName: 'On Duplicate',
		name: 'onDuplicate',
		type: 'options',
		options: [
			{
				name: 'Answer OK Without Running',
				value: 'ignore',
				description: 'Answer 200 ok and start no execution',
			},
			{
				name: 'Run Flagged as Duplicate',
				value: 'emit',
				description: 'Start an execution with duplicate: true, so the workflow decides',
			},
		],
		default: 'ignore',
	},
	{
		displayName: 'Options',
		name: 'triggerOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Log Calls',
				name: 'logCalls',
				type: 'boolean',
				default: false,
				description:
					'Whether to log every call, accepted or refused, to n8n’s log: time, method, source IP and outcome (never credentials)',
			},
			{
				displayName: 'Response Format',
				name: 'responseFormat',
				type: 'options',
				options: [
					{
						name: 'Text',
						value: 'text',
						description: 'The two letters ok, like the Odoo.sh controller',
					},
					{ name: 'JSON', value: 'json', description: '{"status": "ok"}' },
				],
				default: 'text',
				description:
					'The body of successful answers; refusals are always JSON {"status": "error", "message": …}',
			},
			{
				displayName: 'State Key',
				name: 'stateKey',
				type: 'string',
				default: '',
				description:
					'Name under which the last known IP is kept. Empty: derived from the path, so each path has its own.',
			},
			storePathOption('the last known IP address'),
		],
	},
	unparsedBodyProperty,
];
