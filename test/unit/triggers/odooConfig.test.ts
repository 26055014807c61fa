import {
	buildConfig,
	splitList,
	type OdooWebhookParameters,
} from '../../../nodes/OdooWebhookTrigger/config';

const defaults: OdooWebhookParameters = {
	secret: '',
	responseMode: 'onReceived',
	requiredFields: 'model, id',
	allowedModels: '',
	fetchRecord: false,
	fetchSensitiveModels: false,
	recordFields: '',
	maxBodySizeKb: 1024,
	allowedIps: '',
	trustedProxyHops: 0,
	logCalls: false,
};
const none = { type: 'none' as const };

function problem(overrides: Partial<OdooWebhookParameters>, hasWebhookId = true) {
	const result = buildConfig({ ...defaults, ...overrides }, none, hasWebhookId);
	return result.ok ? undefined : result.message;
}

describe('Odoo Webhook Trigger configuration', () => {
	it('normalizes the defaults', () => {
		const result = buildConfig(defaults, none, true);
		expect(result).toEqual({
			ok: true,
			config: {
				responseMode: 'onReceived',
				auth: none,
				requiredFields: ['model', 'id'],
				allowedModels: [],
				fetchRecord: false,
				recordFields: [],
				maxBodyBytes: 1024 * 1024,
				allowlist: undefined,
				trustedProxyHops: 0,
				logCalls: false,
			},
		});
	});

	it('splits lists on commas, spaces and newlines', () => {
		expect(splitList(' name,email\nphone  ,, ')).toEqual(['name', 'email', 'phone']);
		expect(splitList(undefined)).toEqual([]);
	});

	it('accepts a long random secret and refuses a short or unsafe one', () => {
		expect(problem({ secret: 'a3f9c2b7e4d0a4c559a3e6b2f8d1e0c4' })).toBeUndefined();
		expect(problem({ secret: 'tooShort123' })).toMatch(/22 to 128 characters/);
		expect(problem({ secret: 'a3f9c2b7e4d0a4c559a3e6b2/f8d1e0c4' })).toMatch(
			/22 to 128 characters/,
		);
		expect(problem({ secret: 'a3f9c2b7e4d0a4c559a3e6b2 f8d1e0c4' })).toMatch(
			/22 to 128 characters/,
		);
	});

	it('requires a secret when the node has no webhook ID, since the URL would be guessable', () => {
		expect(problem({}, false)).toMatch(/no webhook ID/);
		expect(problem({ secret: 'a3f9c2b7e4d0a4c559a3e6b2f8d1e0c4' }, false)).toBeUndefined();
	});

	it('checks field and model names', () => {
		expect(problem({ requiredFields: 'name, e-mail' })).toMatch(
			/"e-mail" is not a valid field name/,
		);
		expect(problem({ allowedModels: 'sale.order, Sale Order' })).toMatch(
			/"Sale" is not an Odoo model name/,
		);
		expect(problem({ recordFields: 'name; id' })).toMatch(/"name;" is not a valid field name/);
	});

	it('checks the numbers and the allowlist', () => {
		expect(problem({ maxBodySizeKb: 0 })).toMatch(/maximum body size/);
		expect(problem({ maxBodySizeKb: 1.5 })).toMatch(/maximum body size/);
		expect(problem({ trustedProxyHops: -1 })).toMatch(/proxy hops/);
		expect(problem({ allowedIps: '10.0.0.0/33' })).toMatch(/IP Allowlist/);
		const result = buildConfig({ ...defaults, allowedIps: '10.0.0.0/8, ::1' }, none, true);
		expect(result.ok && result.config.allowlist?.allows('10.1.2.3')).toBe(true);
		expect(result.ok && result.config.allowlist?.allows('127.0.0.1')).toBe(false);
	});

	it('refuses an unusable header token or basic auth credential', () => {
		const short = buildConfig(
			defaults,
			{ type: 'headerAuth', headerName: 'X-Token', token: 'short' },
			true,
		);
		expect(short).toEqual({
			ok: false,
			message: 'The header token must be at least 16 characters long',
		});
		const badName = buildConfig(
			defaults,
			{ type: 'headerAuth', headerName: 'X Token', token: 'x'.repeat(16) },
			true,
		);
		expect(badName.ok).toBe(false);
		const emptyUser = buildConfig(defaults, { type: 'basicAuth', user: '', password: 'p' }, true);
		expect(emptyUser).toEqual({
			ok: false,
			message: 'The Basic Auth credential has an empty user',
		});
	});

	it('refuses an unknown response mode', () => {
		expect(problem({ responseMode: 'responseNode' })).toMatch(/Unknown response mode/);
	});

	it('with Fetch Target Record, needs Allowed Models and refuses sensitive models unless forced', () => {
		expect(problem({ fetchRecord: true })).toBe(
			'Fetch Target Record needs Allowed Models: list the models callers may have read (e.g. sale.order)',
		);
		for (const model of [
			'ir.config_parameter',
			'ir.attachment',
			'res.users',
			'res.users.apikeys',
			'res.groups',
			'res.config.settings',
			'auth_totp.device',
		]) {
			expect(problem({ fetchRecord: true, allowedModels: `sale.order, ${model}` })).toMatch(
				new RegExp(`^Fetch Target Record never reads ${model.replace(/\./g, '\\.')}: `),
			);
			expect(
				problem({ fetchRecord: true, allowedModels: model, fetchSensitiveModels: true }),
			).toBeUndefined();
		}
		expect(
			problem({ fetchRecord: true, allowedModels: 'sale.order, res.partner' }),
		).toBeUndefined();
		// Without fetching, the payload only names a model: no record is read.
		expect(problem({ allowedModels: 'ir.config_parameter' })).toBeUndefined();
	});
});
