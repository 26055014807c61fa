// Stops the PostgreSQL the globalSetup started (once, though both projects name this teardown).
const STATE = Symbol.for('n8n-nodes-odoo-maintenance.testPostgres');

export default async function postgresGlobalTeardown() {
	const server = globalThis[STATE];
	if (!server) return;
	globalThis[STATE] = undefined;
	await server.stop();
}
