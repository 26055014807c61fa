import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { storePathOption } from '../../shared/n8n/descriptions';

/** Version 1: one flat list of 20 options (kept for saved workflows). */
const properties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
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
				description:
					'The check fails (KEYWORD_MISSING) when the response body does not contain this text',
			},
			{
				displayName: 'Body Must Not Contain',
				name: 'bodyMustNotContain',
				type: 'string',
				default: '',
				description: 'The check fails (KEYWORD_FOUND) when the response body contains this text',
			},
			{
				displayName: 'Certificate Expiry Warning (Days)',
				name: 'certExpiryWarningDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 14,
				description:
					'A certificate expiring within this many days is reported; an expired one is a failure',
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'How many services are checked at once',
			},
			{
				displayName: 'Custom Headers',
				name: 'headers',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
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
				displayName: 'Degraded Above (Ms)',
				name: 'degradedAboveMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'A response slower than this is marked degraded but still counts as up. 0 turns it off.',
			},
			{
				displayName: 'Failure Threshold',
				name: 'failureThreshold',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description:
					'Consecutive failed runs before the service is reported down (kept in the state store across runs)',
			},
			{
				displayName: 'Follow Redirects',
				name: 'followRedirects',
				type: 'boolean',
				default: true,
				description: 'Whether to follow redirects (the chain is reported in the output)',
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
				description: 'How long the hourly figures are kept: the 24-hour uptime, p95 and sparkline',
			},
			{
				displayName: 'History: Raw Results (Hours)',
				name: 'historyRawHours',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 48,
				description: 'How long every single check result is kept',
			},
			{
				displayName: 'Ignore TLS Issues (Insecure)',
				name: 'allowUnauthorizedCerts',
				type: 'boolean',
				default: false,
				description: 'Whether to connect even if SSL certificate validation is not possible',
			},
			{
				displayName: 'Max Redirects',
				name: 'maxRedirects',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: 'Maximum number of redirects to follow',
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
			{
				displayName: 'Per-Host Concurrency',
				name: 'perHostConcurrency',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 6,
				description: 'How many checks may hit the same host at once',
			},
			{
				displayName: 'Record History',
				name: 'recordHistory',
				type: 'boolean',
				default: true,
				description:
					'Whether to keep every result in the state store (raw, then hourly and daily figures) for uptime and the Service Status node',
			},
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
				description: 'Pause between attempts',
			},
			storePathOption('failure counters and last statuses'),
			{
				displayName: 'Success Threshold',
				name: 'successThreshold',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'Consecutive good runs before a down service is reported up again',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10000,
				description: 'Time to wait for a response, per attempt',
			},
			{
				displayName: 'Upgrade HTTP to HTTPS',
				name: 'upgradeToHttps',
				type: 'boolean',
				default: true,
				description: 'Whether to check http:// URLs over HTTPS, as the Odoo module does',
			},
		],
	},
];

export const v1Properties = updateDisplayOptions({ show: { '@version': [1] } }, properties);
