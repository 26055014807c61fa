import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { storePathOption } from '../../shared/n8n/descriptions';

/** One option group, as n8n's HTTP Request node groups its options (e.g. "Redirects"). */
function group(displayName: string, name: string, values: INodeProperties[]): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: false },
		default: { values: {} },
		placeholder: `Add ${displayName}`,
		options: [{ displayName, name: 'values', values }],
	};
}

const version2 = { show: { '@version': [2] } };

/** Version 2 shows the HTTPS upgrade right under the URL, since it rewrites the URL. */
export const upgradeProperty = updateDisplayOptions(version2, [
	{
		displayName: 'Upgrade HTTP to HTTPS',
		name: 'upgradeToHttps',
		type: 'boolean',
		default: true,
		description:
			'Whether to check http:// URLs over HTTPS, as the Odoo module does. Turn it off for services that only speak plain HTTP.',
	},
]);

/** Version 2's options, in groups. */
export const v2Options = updateDisplayOptions(version2, [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			group('Concurrency', 'concurrencyLimits', [
				{
					displayName: 'Services at Once',
					name: 'concurrency',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 50,
					description: 'How many services are checked at once',
				},
				{
					displayName: 'Per Host',
					name: 'perHostConcurrency',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 6,
					description: 'How many checks may hit the same host at once',
				},
			]),
			{
				displayName: 'Custom Headers',
				name: 'headers',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Header',
				default: {},
				options: [
					{
						displayName: 'Header',
						name: 'header',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Health Path',
				name: 'healthPath',
				type: 'string',
				default: '',
				placeholder: '/health',
				description: "Replaces the URL's path, for services with a dedicated health endpoint",
			},
			{
				displayName: 'Include Details',
				name: 'includeDetails',
				type: 'boolean',
				default: false,
				description:
					"Whether every item's check gets the timing breakdown, the redirect chain and the certificate's issuer and subject. Failed checks always get them; leave it off for large service lists, whose output it multiplies.",
			},
			{
				displayName: 'Method',
				name: 'method',
				type: 'options',
				options: [
					{ name: 'GET', value: 'GET' },
					{ name: 'HEAD', value: 'HEAD' },
				],
				default: 'GET',
				description: 'The HTTP method of the check',
			},
			group('Redirects', 'redirect', [
				{
					displayName: 'Follow Redirects',
					name: 'followRedirects',
					type: 'boolean',
					default: true,
					description: 'Whether to follow redirects (the chain is reported in the output)',
				},
				{
					displayName: 'Max Redirects',
					name: 'maxRedirects',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 10,
					displayOptions: { show: { followRedirects: [true] } },
				},
			]),
			group('Response Checks', 'response', [
				{
					displayName: 'Accepted Status Codes',
					name: 'acceptedStatusCodes',
					type: 'string',
					default: '200',
					placeholder: '200-299,301',
					description: 'Status codes that count as up: a comma-separated list of codes and ranges',
				},
				{
					displayName: 'Body Must Contain',
					name: 'bodyMustContain',
					type: 'string',
					default: '',
					description: 'The check fails (KEYWORD_MISSING) when the body does not contain this text',
				},
				{
					displayName: 'Body Must Not Contain',
					name: 'bodyMustNotContain',
					type: 'string',
					default: '',
					description: 'The check fails (KEYWORD_FOUND) when the body contains this text',
				},
				{
					displayName: 'Degraded Above (Ms)',
					name: 'degradedAboveMs',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description:
						'A slower response is marked degraded but still counts as up. 0 turns it off.',
				},
			]),
			group('History', 'history', [
				{
					displayName: 'Record History',
					name: 'recordHistory',
					type: 'boolean',
					default: true,
					description:
						'Whether to keep every result in the state store (raw, then hourly and daily figures) for uptime and the Service Status node',
				},
				{
					displayName: 'History: Daily Aggregates (Days)',
					name: 'historyDailyDays',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 400,
					description:
						'How long the daily figures (checks, failures, response times) are kept: the 90-day bar and the 30-day uptime of Service Status',
				},
				{
					displayName: 'History: Hourly Aggregates (Days)',
					name: 'historyHourlyDays',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 30,
					description:
						'How long the hourly figures are kept: the 24-hour uptime, p95 and sparkline',
				},
				{
					displayName: 'History: Raw Results (Hours)',
					name: 'historyRawHours',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 48,
					description: 'How long every single check result is kept',
				},
			]),
			group('Retries', 'retry', [
				{
					displayName: 'Retries',
					name: 'retries',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 1,
					description: 'Extra attempts within the run before a service counts as failed',
				},
				{
					displayName: 'Retry Delay (Ms)',
					name: 'retryDelayMs',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 500,
				},
			]),
			storePathOption('failure counters and last statuses'),
			group('Thresholds', 'thresholds', [
				{
					displayName: 'Failed Runs Before Down',
					name: 'failureThreshold',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1,
					description:
						'Consecutive failed runs before the service is reported down (kept across runs)',
				},
				{
					displayName: 'Good Runs Before Up',
					name: 'successThreshold',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1,
					description: 'Consecutive good runs before a down service is reported up again',
				},
			]),
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10000,
				description: 'Time to wait for a response, per attempt',
			},
			group('TLS', 'tls', [
				{
					displayName: 'Ignore TLS Issues (Insecure)',
					name: 'allowUnauthorizedCerts',
					type: 'boolean',
					default: false,
					description: 'Whether to connect even if SSL certificate validation is not possible',
				},
				{
					displayName: 'Certificate Expiry Warning (Days)',
					name: 'certExpiryWarningDays',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 14,
					description: 'A certificate expiring this soon is reported; an expired one is a failure',
				},
			]),
		],
	},
]);

/** The v2 option groups, flattened to the names version 1 uses (and the checker reads). */
export const OPTION_GROUPS = [
	'concurrencyLimits',
	'history',
	'redirect',
	'response',
	'retry',
	'thresholds',
	'tls',
];
