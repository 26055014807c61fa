// Loading the workflow templates of workflows/ and adapting them for a test run, the way a user configures
// an imported template: edit the service list, point URLs at loopback receivers, attach credentials.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { nodeOutputs, waitForExecution, type Execution, type WorkflowJson } from './harness';

export type TemplateNode = Record<string, any> & { name: string; type: string; parameters: Record<string, any> };

/** Node types that receive calls: the editor gives each a fresh random webhook ID on import. */
export const WEBHOOK_NODE_TYPES = [
	'n8n-nodes-base.formTrigger',
	'n8n-nodes-base.webhook',
	'n8n-nodes-odoo-maintenance.odooWebhookTrigger',
	'n8n-nodes-odoo-maintenance.ipChangeTrigger',
];

/** The template as the user holds it after importing it in the editor: each trigger has a fresh webhook ID. */
export function loadTemplate(file: string): WorkflowJson & { nodes: TemplateNode[] } {
	const template = readTemplate(file);
	for (const candidate of template.nodes) {
		if (WEBHOOK_NODE_TYPES.includes(candidate.type)) candidate.webhookId = randomUUID();
	}
	return template;
}

/** The template file as shipped. */
export function readTemplate(file: string): WorkflowJson & { nodes: TemplateNode[] } {
	return JSON.parse(fs.readFileSync(path.join(__dirname, '../../workflows', file), 'utf8'));
}

export function templateFiles(): string[] {
	return fs
		.readdirSync(path.join(__dirname, '../../workflows'))
		.filter((file) => file.endsWith('.json'))
		.sort();
}

export function node(workflow: { nodes: TemplateNode[] }, name: string): TemplateNode {
	const found = workflow.nodes.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`template has no node "${name}"`);
	return found;
}

/** Every node of a type, e.g. all Maintenance Request nodes. */
export function nodesOfType(workflow: { nodes: TemplateNode[] }, type: string): TemplateNode[] {
	return workflow.nodes.filter((candidate) => candidate.type === type);
}

/** Attaches a credential to every node that references (or should reference) its type. */
export function useCredential(
	nodes: Array<Record<string, any>>,
	type: string,
	credential: { id: string; name: string },
): void {
	for (const target of nodes) target.credentials = { ...(target.credentials ?? {}), [type]: credential };
}

/** A Code node body that emits the given items. */
export function codeReturning(items: Array<Record<string, unknown>>): string {
	return `return ${JSON.stringify(items.map((json) => ({ json })))};`;
}

/** Sets a template's HTTP Service Check (version 2: the HTTPS toggle by the URL, retries in their option group). */
export function setCheckOptions(
	target: TemplateNode,
	{ upgradeToHttps, timeout, retries, storePath }: { upgradeToHttps: boolean; timeout: number; retries: number; storePath?: string },
): void {
	expect(target.typeVersion).toBe(2);
	target.parameters.upgradeToHttps = upgradeToHttps;
	target.parameters.options = {
		...target.parameters.options,
		timeout,
		retry: { values: { retries } },
		...(storePath ? { storePath } : {}),
	};
}

/** Sets how many services one sub-execution of a monitoring template checks. */
export function setBatchSize(workflow: { nodes: TemplateNode[] }, batchSize: number): void {
	const [assignment] = node(workflow, 'Batch size').parameters.assignments.assignments;
	expect(assignment.name).toBe('batchSize');
	assignment.value = batchSize;
}

/** The sub-executions in which a monitoring template's run checked its batches, in order. */
export async function batchExecutions(execution: Execution): Promise<Execution[]> {
	const runs = execution.data?.resultData.runData['Check one batch'] ?? [];
	return Promise.all(
		runs.map((run) => {
			const id = run.metadata?.subExecution?.executionId;
			if (!id) throw new Error(`run of "Check one batch" without a sub-execution: ${JSON.stringify(run.metadata)}`);
			return waitForExecution(String(id));
		}),
	);
}

/** The items a node emitted on each output, over every batch of a monitoring run (batches where it ran). */
export function batchOutputs(batches: Execution[], nodeName: string): Array<Array<Record<string, any>>> {
	const outputs: Array<Array<Record<string, any>>> = [];
	for (const batch of batches.filter((candidate) => candidate.data?.resultData.runData[nodeName])) {
		nodeOutputs(batch, nodeName).forEach((items, index) => (outputs[index] ??= []).push(...items));
	}
	return outputs;
}
