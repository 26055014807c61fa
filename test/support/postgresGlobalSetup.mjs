// jest globalSetup of the unit and integration projects: one PostgreSQL for the run (Debian's package,
// loopback, its own data directory and free port; scripts/lib/postgres.mjs installs it when missing).
// Its URL reaches the test workers through the environment. When it cannot be started, the reason goes
// there instead and every PostgreSQL test fails with it (test/support/stores.ts): never a silent skip.
const URL_ENV = 'ODOO_MAINT_TEST_PG_URL';
const ERROR_ENV = 'ODOO_MAINT_TEST_PG_ERROR';
const STATE = Symbol.for('n8n-nodes-odoo-maintenance.testPostgres');

export default async function postgresGlobalSetup() {
	// Both projects share this server; a URL given from outside (a server already running) is used as is.
	if (process.env[URL_ENV] || globalThis[STATE]) return;
	try {
		const { startPostgres } = await import('../../scripts/lib/postgres.mjs');
		const server = await startPostgres();
		globalThis[STATE] = server;
		process.env[URL_ENV] = server.url;
	} catch (error) {
		globalThis[STATE] = { stop: async () => undefined };
		process.env[ERROR_ENV] = `PostgreSQL could not be started: ${error.message}`;
		console.error(`\n*** ${process.env[ERROR_ENV]}\n*** Every PostgreSQL store test will FAIL.\n`);
	}
}
