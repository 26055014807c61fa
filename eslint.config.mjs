import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		// Plain modules below the node layer (checker, store, Odoo transport, backends) throw their own typed
		// errors; the nodes turn them into NodeApiError/NodeOperationError (nodes/shared/n8n/errors.ts).
		files: ['nodes/shared/**/*.ts', 'nodes/*/backends/**/*.ts'],
		ignores: ['nodes/shared/n8n/**'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// Tests and benchmarks are not shipped: they start servers and processes and use fixed test secrets.
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
];
