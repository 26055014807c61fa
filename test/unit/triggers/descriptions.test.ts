import {
	NodeOperationError,
	WEBHOOK_RESOLVERS,
	type IHookFunctions,
	type INodeParameters,
} from 'n8n-workflow';

import { IpChangeTrigger } from '../../../nodes/IpChangeTrigger/IpChangeTrigger.node';
import { OdooWebhookTrigger } from '../../../nodes/OdooWebhookTrigger/OdooWebhookTrigger.node';

/** Evaluates a `={{(fn)($parameter)}}` template the way the expression engine would. */
function evaluateTemplate(template: string, parameters: INodeParameters): unknown {
	const match = /^=\{\{(.*)\}\}$/s.exec(template);
	if (!match) throw new Error(`not a template: ${template}`);
	return new Function('$parameter', `return (${match[1]});`)(parameters);
}

describe('webhook descriptions', () => {
	const odoo = new OdooWebhookTrigger().description.webhooks![0];
	const ip = new IpChangeTrigger().description.webhooks![0];

	it('register every method so that wrong ones reach the node (405) instead of n8n (404)', () => {
		expect(odoo.httpMethod.split(',').sort()).toEqual([
			'DELETE',
			'GET',
			'HEAD',
			'PATCH',
			'POST',
			'PUT',
		]);
		expect(ip.httpMethod).toBe(odoo.httpMethod);
	});

	it.each([
		[{ secret: '', responseMode: 'onReceived' }, 'odoo', 'onReceived', ''],
		[
			{ secret: 'a3f9c2b7e4d0a4c559a3e6b2f8d1e0c4', responseMode: 'lastNode' },
			'odoo/a3f9c2b7e4d0a4c559a3e6b2f8d1e0c4',
			'lastNode',
			'noData',
		],
	])(
		'resolve the Odoo trigger path and response the same natively and as expressions (%j)',
		(parameters, path, mode, data) => {
			const resolvers = odoo[WEBHOOK_RESOLVERS]!;
			for (const [field, expected] of [
				['path', path],
				['responseMode', mode],
				['responseData', data],
			] as const) {
				expect(resolvers[field].resolve(parameters)).toBe(expected);
				expect(evaluateTemplate(odoo[field] as string, parameters)).toBe(expected);
			}
			// The secret stays under the node's webhook ID: the URL is never a guessable fixed path.
			expect(odoo.isFullPath).toBe(false);
		},
	);

	it('serve the IP change trigger at the full path, _odoo.sh/ip-change by default', () => {
		const resolvers = ip[WEBHOOK_RESOLVERS]!;
		expect(ip.isFullPath).toBe(true);
		expect(resolvers.path.resolve({})).toBe('_odoo.sh/ip-change');
		expect(resolvers.path.resolve({ path: 'custom/ip' })).toBe('custom/ip');
		expect(evaluateTemplate(ip.path, {})).toBe('_odoo.sh/ip-change');
		expect(ip.responseData).toBe('');
	});

	it('keep n8n from parsing the body: version 1 with the hidden options.binaryData switch on', () => {
		for (const node of [new OdooWebhookTrigger(), new IpChangeTrigger()]) {
			expect(node.description.version).toBe(1);
			const hidden = node.description.properties.find((property) => property.name === 'options');
			expect(hidden).toMatchObject({ type: 'hidden', default: { binaryData: true } });
		}
	});
});

describe('activation checks (webhookMethods.default.create)', () => {
	function hookContext(
		parameters: INodeParameters,
		webhookId?: string,
		credentials: Record<string, unknown> = {},
	) {
		return {
			getNode: () => ({ name: 'Trigger', webhookId, parameters }),
			getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
			getCredentials: async (type: string) => {
				if (!credentials[type]) throw new Error(`no ${type} credential`);
				return credentials[type];
			},
		} as unknown as IHookFunctions;
	}

	it('let a valid Odoo trigger activate, and nothing is registered remotely', async () => {
		const methods = new OdooWebhookTrigger().webhookMethods.default;
		const ctx = hookContext({}, 'f2b8c1de-0000-4000-8000-000000000001');
		await expect(methods.checkExists.call(ctx)).resolves.toBe(false);
		await expect(methods.create.call(ctx)).resolves.toBe(true);
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
	});

	it('fail the activation with the reason for a misconfigured Odoo trigger', async () => {
		const methods = new OdooWebhookTrigger().webhookMethods.default;
		await expect(methods.create.call(hookContext({ secret: 'short' }, 'id'))).rejects.toThrow(
			NodeOperationError,
		);
		await expect(methods.create.call(hookContext({}, undefined))).rejects.toThrow(/no webhook ID/);
		await expect(
			methods.create.call(hookContext({ authentication: 'basicAuth' }, 'id')),
		).rejects.toThrow(/Basic Auth credential cannot be read/);
		await expect(
			methods.create.call(hookContext({ fetchRecord: true, allowedModels: 'sale.order' }, 'id')),
		).rejects.toThrow(/Fetch Target Record needs an Odoo credential/);
		await expect(methods.create.call(hookContext({ fetchRecord: true }, 'id'))).rejects.toThrow(
			/Fetch Target Record needs Allowed Models/,
		);
	});

	it('fail the activation of an IP change trigger with an empty allowlist', async () => {
		const methods = new IpChangeTrigger().webhookMethods.default;
		await expect(methods.create.call(hookContext({ allowedIps: ' ' }))).rejects.toThrow(
			/allowlist is empty/,
		);
	});
});
