// Issue 17: hostile input the triggers must refuse (depth, repeated JSON keys, impossible Basic Auth
// users, the 413 wording) and addresses that are one and the same.

import { bodyValues } from '../../../nodes/IpChangeTrigger/params';
import { sameAddress } from '../../../nodes/shared/net/ipAddress';
import { recordIpChange } from '../../../nodes/IpChangeTrigger/ipState';
import { BACKENDS, openTestStore } from '../../support/stores';
import { authConfigProblem } from '../../../nodes/shared/webhook/auth';
import { parseJsonObject, tooLarge } from '../../../nodes/shared/webhook/body';
import { MAX_JSON_DEPTH } from '../../../nodes/shared/webhook/jsonShape';
import { checkSource } from '../../../nodes/shared/webhook/source';
import { createAllowlist } from '../../../nodes/shared/net/allowlist';

const nested = (levels: number) =>
	`{"model":"a.b","id":1,"deep":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;

describe('JSON bodies', () => {
	it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more`, () => {
		expect(parseJsonObject(nested(MAX_JSON_DEPTH)).ok).toBe(true);
		expect(parseJsonObject(nested(MAX_JSON_DEPTH + 1))).toEqual({
			ok: false,
			message: `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`,
			shape: true,
		});
		expect(parseJsonObject(nested(10_000)).ok).toBe(false);
	});

	it('does not count brackets inside strings', () => {
		const text = JSON.stringify({ text: '['.repeat(1000) + '{"x":1}', 'a"b': '"{' });
		expect(parseJsonObject(text).ok).toBe(true);
	});

	it('refuses a repeated top-level key, also written with escapes, and allows nested repeats', () => {
		expect(parseJsonObject('{"new":"10.0.0.1","old":"10.0.0.2","new":"10.0.0.3"}')).toEqual({
			ok: false,
			message: 'Key "new" is given more than once',
			shape: true,
		});
		expect(parseJsonObject('{"new":"10.0.0.1", "\\u006eew" : "10.0.0.3"}').ok).toBe(false);
		expect(parseJsonObject('{"a":{"x":1},"b":{"x":2},"c":[{"x":1,"y":{"x":1}}]}').ok).toBe(true);
	});

	it('IP Change Trigger: a JSON body repeating "new" is refused like a repeated parameter', () => {
		const result = bodyValues(
			'application/json',
			Buffer.from('{"new":"203.0.113.1","new":"203.0.113.2"}'),
		);
		expect(result).toEqual({
			ok: false,
			reply: {
				status: 400,
				body: { status: 'error', message: 'Key "new" is given more than once' },
			},
		});
	});
});

describe('413 wording', () => {
	it('quotes the limit in KiB, as the Max Body Size option and the README do', () => {
		expect(tooLarge(1024 * 1024).body).toEqual({
			status: 'error',
			message: 'The request body is larger than 1024 KiB',
		});
		expect(tooLarge(16 * 1024).body).toMatchObject({
			message: 'The request body is larger than 16 KiB',
		});
	});
});

describe('Basic Auth configuration', () => {
	it('refuses a user containing ":", which a Basic Auth header cannot carry', () => {
		expect(authConfigProblem({ type: 'basicAuth', user: 'odoo:caller', password: 'secret' })).toBe(
			'The Basic Auth credential’s user contains ":", which Basic Auth cannot carry',
		);
		expect(
			authConfigProblem({ type: 'basicAuth', user: 'odoo-caller', password: 'a:b' }),
		).toBeUndefined();
	});
});

describe('source addresses', () => {
	it('refuses an unreadable forwarded address with its own reason', () => {
		expect(checkSource('', createAllowlist('127.0.0.0/8'))).toEqual({
			status: 403,
			body: {
				status: 'error',
				message:
					'Forbidden: the caller’s address cannot be read (an X-Forwarded-For entry is not an IP address)',
			},
		});
	});
});

describe('IPv4 and IPv4-mapped IPv6 are one address', () => {
	it('sameAddress', () => {
		expect(sameAddress('203.0.113.5', '::ffff:203.0.113.5')).toBe(true);
		expect(sameAddress('::FFFF:cb00:7105', '203.0.113.5')).toBe(true);
		expect(sameAddress('203.0.113.5', '203.0.113.6')).toBe(false);
		expect(sameAddress(null, null)).toBe(true);
		expect(sameAddress('203.0.113.5', null)).toBe(false);
	});

	it.each(BACKENDS)(
		'recordIpChange (%s store): old=::ffff:a.b.c.d after a.b.c.d is in order, and a repeat in either form is a duplicate',
		async (backend) => {
			const store = await openTestStore(backend);
			try {
				const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, s)).toISOString();
				await recordIpChange(
					store,
					'k',
					{ old: null, new: '203.0.113.5', receivedAt: at(0) },
					60_000,
				);
				expect(
					await recordIpChange(
						store,
						'k',
						{ old: '::ffff:203.0.113.5', new: '203.0.113.6', receivedAt: at(1) },
						60_000,
					),
				).toEqual({ previousKnownIp: '203.0.113.5', duplicate: false, outOfOrder: false });
				const repeat = await recordIpChange(
					store,
					'k',
					{ old: '203.0.113.5', new: '::ffff:203.0.113.6', receivedAt: at(2) },
					60_000,
				);
				expect(repeat.duplicate).toBe(true);
			} finally {
				await store.close();
			}
		},
	);
});

describe('Header Token', () => {
	it('is a credential of its own (encrypted by n8n), no longer a node parameter', async () => {
		const { OdooWebhookTrigger } =
			await import('../../../nodes/OdooWebhookTrigger/OdooWebhookTrigger.node');
		const { IpChangeTrigger } = await import('../../../nodes/IpChangeTrigger/IpChangeTrigger.node');
		for (const node of [new OdooWebhookTrigger(), new IpChangeTrigger()]) {
			const names = node.description.properties.map((property) => property.name);
			expect(names).not.toContain('headerToken');
			expect(node.description.credentials).toContainEqual({
				name: 'odooMaintenanceHeaderAuthApi',
				required: true,
				testedBy: 'odooMaintenanceHeaderAuthTest',
				displayOptions: { show: { authentication: ['headerAuth'] } },
			});
			const test = node.methods.credentialTest.odooMaintenanceHeaderAuthTest;
			const check = (data: Record<string, string>) =>
				test.call({} as never, { id: '1', name: 'c', type: 'odooMaintenanceHeaderAuthApi', data });
			await expect(check({ headerName: 'X-Token', token: 'short' })).resolves.toEqual({
				status: 'Error',
				message: 'The header token must be at least 16 characters long',
			});
			await expect(check({ headerName: 'X-Token', token: 'x'.repeat(16) })).resolves.toMatchObject({
				status: 'OK',
			});
		}
	});
});
