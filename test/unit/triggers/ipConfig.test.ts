import {
	buildConfig,
	DEFAULT_ALLOWED_IPS,
	normalizePath,
	type IpChangeParameters,
} from '../../../nodes/IpChangeTrigger/config';

const defaults: IpChangeParameters = {
	path: '_odoo.sh/ip-change',
	allowedIps: DEFAULT_ALLOWED_IPS,
	trustedProxyHops: 0,
	duplicateWindowSeconds: 300,
	onDuplicate: 'ignore',
	responseFormat: 'text',
	storePath: '',
	stateKey: '',
	logCalls: false,
};
const none = { type: 'none' as const };

function build(overrides: Partial<IpChangeParameters>) {
	return buildConfig({ ...defaults, ...overrides }, none);
}

describe('IP Change Trigger configuration', () => {
	it('defaults to loopback and private ranges, a 5 minute window and a scope per path', () => {
		const result = build({});
		if (!result.ok) throw new Error(result.message);
		const { allowlist, ...rest } = result.config;
		expect(rest).toEqual({
			trustedProxyHops: 0,
			auth: none,
			duplicateWindowMs: 300_000,
			onDuplicate: 'ignore',
			responseFormat: 'text',
			storePath: undefined,
			scope: 'ip-change:_odoo.sh/ip-change',
			logCalls: false,
		});
		for (const inside of [
			'127.0.0.1',
			'::1',
			'10.1.2.3',
			'172.16.0.1',
			'192.168.1.1',
			'fd00::1',
			'::ffff:10.0.0.1',
		]) {
			expect(allowlist.allows(inside)).toBe(true);
		}
		for (const outside of ['203.0.113.7', '8.8.8.8', '2001:db8::1', '172.32.0.1']) {
			expect(allowlist.allows(outside)).toBe(false);
		}
	});

	it('normalizes and checks the path', () => {
		expect(normalizePath(' /_odoo.sh/ip-change/ ')).toBe('_odoo.sh/ip-change');
		expect(build({ path: '' }).ok).toBe(true);
		expect(build({ path: 'a//b' })).toMatchObject({ ok: false });
		expect(build({ path: 'ip/:id' })).toMatchObject({ ok: false });
		expect(build({ path: 'ip change' })).toMatchObject({ ok: false });
		const custom = build({ path: 'odoo/prod-ip', stateKey: '' });
		expect(custom.ok && custom.config.scope).toBe('ip-change:odoo/prod-ip');
	});

	it('refuses an empty or invalid allowlist', () => {
		expect(build({ allowedIps: '' })).toMatchObject({
			ok: false,
			message: expect.stringMatching(/allowlist is empty/),
		});
		expect(build({ allowedIps: '10.0.0.1/24' })).toMatchObject({
			ok: false,
			message: expect.stringMatching(/host bits/),
		});
	});

	it('checks hops, window and choices', () => {
		expect(build({ trustedProxyHops: 11 }).ok).toBe(false);
		expect(build({ duplicateWindowSeconds: -1 }).ok).toBe(false);
		expect(build({ onDuplicate: 'drop' }).ok).toBe(false);
		expect(build({ responseFormat: 'xml' }).ok).toBe(false);
		const zero = build({
			duplicateWindowSeconds: 0,
			stateKey: ' prod ',
			storePath: ' /tmp/x.sqlite ',
		});
		expect(
			zero.ok && [zero.config.duplicateWindowMs, zero.config.scope, zero.config.storePath],
		).toEqual([0, 'prod', '/tmp/x.sqlite']);
	});

	it('refuses a header token that is too short', () => {
		expect(
			buildConfig(defaults, { type: 'headerAuth', headerName: 'X-Token', token: 'abc' }),
		).toMatchObject({ ok: false });
	});
});
