// Three projects: `unit` (no network beyond loopback servers the tests start, no n8n),
// `integration` (several modules together: store across processes, Odoo double over HTTP),
// `e2e` (a real n8n started once per run by test/e2e/globalSetup).
const transform = { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
// The store tests run on SQLite and on a real PostgreSQL that this setup starts once for the run.
const postgres = {
	globalSetup: '<rootDir>/test/support/postgresGlobalSetup.mjs',
	globalTeardown: '<rootDir>/test/support/postgresGlobalTeardown.mjs',
};

module.exports = {
	// Every test and hook waits at most this long unless it says otherwise: sized for a loaded 2-core machine, where
	// creating credentials and publishing a workflow in n8n can take tens of seconds (jest's default is 5 s).
	testTimeout: 120_000,
	projects: [
		{ ...common, ...postgres, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{
			...common,
			...postgres,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
		},
		{
			...common,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/globalSetup.mjs',
			globalTeardown: '<rootDir>/test/e2e/globalTeardown.mjs',
			setupFiles: ['<rootDir>/test/e2e/setup.ts'],
		},
	],
};
