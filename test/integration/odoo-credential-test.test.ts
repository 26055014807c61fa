import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialTestFunctions } from 'n8n-workflow';

import {
	connectionFromCredentials,
	odooMaintenanceApiTest,
	testOdooConnection,
} from '../../nodes/shared/odoo/credentialTest';
import type { OdooConnection } from '../../nodes/shared/odoo/types';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import { fetchLegacyRequest, fetchSend } from '../support/fetchSend';

let odoo: OdooDouble;

beforeAll(async () => {
	odoo = await startOdooDouble();
});

afterAll(async () => {
	await odoo.close();
});

function connection(overrides: Partial<OdooConnection> = {}): OdooConnection {
	return {
		url: odoo.url,
		db: odoo.db,
		username: 'admin',
		secret: odoo.admin.apiKey,
		api: 'auto',
		...overrides,
	};
}

describe('testOdooConnection', () => {
	it('names the version, the uid and JSON-2 when an API key works', async () => {
		expect(await testOdooConnection(connection(), fetchSend)).toEqual({
			status: 'OK',
			message: 'Connected to Odoo 19.0 as uid 2 over JSON-2',
		});
	});

	it('names JSON-RPC, and its deprecation on 19, with a password', async () => {
		const result = await testOdooConnection(connection({ secret: odoo.admin.password }), fetchSend);
		expect(result.status).toBe('OK');
		expect(result.message).toBe(
			'Connected to Odoo 19.0 as uid 2 over JSON-RPC. JSON-RPC is deprecated since Odoo 19: use an API key to connect over JSON-2',
		);
	});

	it('says the login or the secret is wrong, without showing the secret', async () => {
		const result = await testOdooConnection(connection({ secret: 'bad-secret-value' }), fetchSend);
		expect(result).toEqual({
			status: 'Error',
			message: 'Wrong login or password/API key for database "odoo" (login "admin")',
		});
	});

	it('says the database does not exist', async () => {
		const result = await testOdooConnection(
			connection({ db: 'nope', secret: odoo.admin.password }),
			fetchSend,
		);
		expect(result).toEqual({
			status: 'Error',
			message: `Database "nope" does not exist on ${odoo.url}: check the Database field`,
		});
	});

	it('says a password does not work for JSON-2', async () => {
		const result = await testOdooConnection(
			connection({ api: 'json2', secret: odoo.admin.password }),
			fetchSend,
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Odoo rejected the API key \(Invalid apikey\)\. JSON-2 needs an API key/,
		);
		expect(result.message).not.toContain(odoo.admin.password);
	});

	it('says JSON-2 needs Odoo 19', async () => {
		const odoo17 = await startOdooDouble({ version: '17.0' });
		try {
			const result = await testOdooConnection(
				connection({ url: odoo17.url, api: 'json2', secret: odoo17.admin.apiKey }),
				fetchSend,
			);
			expect(result).toEqual({
				status: 'Error',
				message: `JSON-2 needs Odoo 19 or later, and ${odoo17.url} runs Odoo 17.0: choose Auto or JSON-RPC`,
			});
			const auto = await testOdooConnection(
				connection({ url: odoo17.url, secret: odoo17.admin.apiKey }),
				fetchSend,
			);
			expect(auto).toEqual({
				status: 'OK',
				message: 'Connected to Odoo 17.0 as uid 2 over JSON-RPC',
			});
		} finally {
			await odoo17.close();
		}
	});

	it('says the server is unreachable, with host, port and cause', async () => {
		const closed = await startOdooDouble();
		const url = closed.url;
		await closed.close();
		const result = await testOdooConnection(connection({ url }), fetchSend);
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`Odoo is unreachable. Cannot connect to Odoo at ${url.replace('http://', '')}: connection refused (ECONNREFUSED). Check the Site URL and port, and that Odoo is running`,
		);
	});

	it('says when the URL is not an Odoo server', async () => {
		const server = http.createServer((_request, response) => {
			response.writeHead(404, { 'Content-Type': 'text/html' });
			response.end('<h1>Nothing here</h1>');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const result = await testOdooConnection(connection({ url }), fetchSend);
			expect(result.status).toBe('Error');
			expect(result.message).toContain(`${url} does not answer like an Odoo server.`);
			expect(result.message).toContain('GET /web/version answered HTTP 404');
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});

	it('says where a redirecting URL points to (e.g. http -> https)', async () => {
		const server = http.createServer((request, response) => {
			response.writeHead(301, { Location: `https://odoo.example.test${request.url ?? '/'}` });
			response.end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const result = await testOdooConnection(connection({ url }), fetchSend);
			expect(result.status).toBe('Error');
			expect(result.message).toContain(
				'GET /web/version answered HTTP 301 (redirected to https://odoo.example.test/web/version: use the final address as the Site URL)',
			);
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});

	it('checks the fields before calling anything', async () => {
		expect(
			(await testOdooConnection(connection({ url: 'mycompany.odoo.com' }), fetchSend)).message,
		).toMatch(/^The Site URL "mycompany.odoo.com" is not a valid URL/);
		expect(
			(await testOdooConnection(connection({ url: 'ftp://x.example' }), fetchSend)).message,
		).toBe('The Site URL must start with http:// or https:// (got ftp://)');
		expect((await testOdooConnection(connection({ secret: '' }), fetchSend)).message).toBe(
			'The Password or API Key is empty',
		);
	});
});

describe('odooMaintenanceApiTest (the credential test the nodes register)', () => {
	it('tests the credential data', async () => {
		const result = await odooMaintenanceApiTest.call(
			{ helpers: { request: fetchLegacyRequest } } as unknown as ICredentialTestFunctions,
			{
				id: '1',
				name: 'Odoo',
				type: 'odooMaintenanceApi',
				data: {
					url: `${odoo.url}/`,
					db: 'odoo',
					username: 'admin',
					password: odoo.admin.apiKey,
					api: 'json2',
				},
			},
		);
		expect(result).toEqual({
			status: 'OK',
			message: 'Connected to Odoo 19.0 as uid 2 over JSON-2',
		});
	});

	it('maps credential data to a connection, the database defaulting to the first host label', () => {
		expect(
			connectionFromCredentials({
				url: ' https://mycompany.odoo.com/odoo/action-123 ',
				db: '',
				username: 'admin',
				password: ' secret ',
				api: 'bogus',
			}),
		).toEqual({
			url: 'https://mycompany.odoo.com',
			db: 'mycompany',
			username: 'admin',
			secret: ' secret ',
			api: 'auto',
		});
	});
});
