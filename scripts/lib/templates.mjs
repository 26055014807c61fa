// Imports the workflow templates of workflows/ into a running n8n through its public API, once per template
// (a ledger in the user folder remembers which were imported), and publishes those that need no credentials.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { PROJECT_ROOT } from './paths.mjs';

const WORKFLOWS_DIR = path.join(PROJECT_ROOT, 'workflows');

export function readTemplates() {
	if (!fs.existsSync(WORKFLOWS_DIR)) return [];
	return fs
		.readdirSync(WORKFLOWS_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, json: JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')) }));
}

/** Node types that receive calls: the editor gives each a fresh random webhook ID on import (templates carry none). */
const WEBHOOK_NODE_TYPES = new Set([
	'n8n-nodes-base.formTrigger',
	'n8n-nodes-base.webhook',
	'n8n-nodes-odoo-maintenance.odooWebhookTrigger',
	'n8n-nodes-odoo-maintenance.ipChangeTrigger',
]);

export function withFreshWebhookIds(nodes) {
	return nodes.map((node) =>
		WEBHOOK_NODE_TYPES.has(node.type) && !node.webhookId ? { ...node, webhookId: randomUUID() } : node,
	);
}

/** Templates carry no credentials: a node needs one when it talks to Odoo, SMTP or an authenticated API. */
export function needsCredentials(workflow) {
	return workflow.nodes.some(
		(node) =>
			!node.disabled &&
			(node.type === 'n8n-nodes-base.odoo' ||
				node.type === 'n8n-nodes-base.emailSend' ||
				node.parameters?.backend === 'odoo' ||
				['basicAuth', 'headerAuth', 'genericCredentialType', 'predefinedCredentialType'].includes(
					node.parameters?.authentication,
				)),
	);
}

export async function importTemplates({ baseUrl, apiKey, userFolder, reimport = false }) {
	const ledgerFile = path.join(userFolder, 'imported-templates.json');
	const ledger = fs.existsSync(ledgerFile) && !reimport ? JSON.parse(fs.readFileSync(ledgerFile, 'utf8')) : {};
	const headers = { 'content-type': 'application/json', 'X-N8N-API-KEY': apiKey };
	const report = [];
	for (const { file, json } of readTemplates()) {
		if (ledger[file]) {
			const existing = await fetch(`${baseUrl}/api/v1/workflows/${ledger[file]}`, { headers });
			if (existing.ok) {
				report.push({ file, id: ledger[file], name: json.name, status: 'already imported' });
				continue;
			}
		}
		const response = await fetch(`${baseUrl}/api/v1/workflows`, {
			method: 'POST',
			headers,
			body: JSON.stringify({
				name: json.name,
				nodes: withFreshWebhookIds(json.nodes),
				connections: json.connections,
				settings: json.settings ?? { executionOrder: 'v1' },
			}),
		});
		const body = await response.json();
		if (!response.ok) throw new Error(`Importing ${file} failed: ${response.status} ${JSON.stringify(body)}`);
		ledger[file] = body.id;
		let status = 'imported; add its credentials, then publish it';
		if (!needsCredentials(json)) {
			const activation = await fetch(`${baseUrl}/api/v1/workflows/${body.id}/activate`, { method: 'POST', headers });
			status = activation.ok ? 'imported and published' : `imported (publishing failed: ${activation.status})`;
		}
		report.push({ file, id: body.id, name: json.name, status });
	}
	fs.writeFileSync(ledgerFile, JSON.stringify(ledger, null, 2));
	return report;
}

/**
 * Runs a workflow once from one of its triggers, as the editor's "Execute workflow" does (n8n's internal
 * API, as the logged-in owner), and waits for the execution to finish: the status of the execution.
 */
export async function runOnce({ baseUrl, cookie, apiKey, workflowId, trigger, timeoutMs = 60_000 }) {
	const headers = { cookie, 'content-type': 'application/json' };
	const workflow = await (await fetch(`${baseUrl}/rest/workflows/${workflowId}`, { headers })).json();
	const started = await fetch(`${baseUrl}/rest/workflows/${workflowId}/run`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ workflowData: workflow.data, triggerToStartFrom: { name: trigger } }),
	});
	const body = await started.json();
	if (!started.ok || !body.data?.executionId) throw new Error(`${started.status} ${JSON.stringify(body)}`);
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await fetch(`${baseUrl}/api/v1/executions/${body.data.executionId}`, {
			headers: { 'X-N8N-API-KEY': apiKey },
		});
		const execution = response.ok ? await response.json() : null;
		if (execution && !['new', 'running', 'waiting'].includes(execution.status)) return execution.status;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return 'still running';
}
