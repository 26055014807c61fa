/** Each trigger's panel says what to send where, with a curl example for the test URL, instead of n8n's generic text. */
import type { TriggerPanelDefinition } from 'n8n-workflow';

import { IpChangeTrigger } from '../../../nodes/IpChangeTrigger/IpChangeTrigger.node';
import { OdooWebhookTrigger } from '../../../nodes/OdooWebhookTrigger/OdooWebhookTrigger.node';

describe.each([
	['Odoo.sh IP Change Trigger', new IpChangeTrigger(), "curl '&lt;test URL&gt;?new="],
	['Odoo Webhook Trigger', new OdooWebhookTrigger(), "curl -X POST '&lt;test URL&gt;'"],
])('%s trigger panel', (displayName, node, curl) => {
	const panel = node.description.triggerPanel as TriggerPanelDefinition;

	it('is named for what it does', () => {
		expect(node.description.displayName).toBe(displayName);
	});

	it('tells what to send to the test URL, with a curl example, published or not', () => {
		expect(panel.header).toMatch(/test URL/);
		const help = panel.executionsHelp as { active: string; inactive: string };
		for (const text of [help.inactive, help.active]) expect(text).toContain(curl);
		expect(help.inactive).toMatch(/Refused output/);
		expect(panel.activationHint).toMatch(/production URL/);
	});
});
