/**
 * The monitoring templates check their services in batches, each batch in an execution of the same workflow
 * (test/e2e/templates-monitoring*.test.ts run them in n8n): how the services are packed, and the wiring that
 * the batching relies on.
 */
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(__dirname, '../../../workflows');
const FILES = ['http-service-monitoring.json', 'http-service-monitoring-odoo.json'];

interface TemplateNode {
	name: string;
	type: string;
	position: [number, number];
	alwaysOutputData?: boolean;
	parameters: Record<string, any>;
}
interface Template {
	nodes: TemplateNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	settings: Record<string, unknown>;
}

const read = (file: string): Template => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
const nodeOf = (template: Template, name: string) => {
	const found = template.nodes.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`no node "${name}"`);
	return found;
};

/** Every node reachable from `start` (itself included). */
function reachable(template: Template, start: string): Set<string> {
	const seen = new Set<string>([start]);
	const queue = [start];
	while (queue.length) {
		for (const output of template.connections[queue.shift()!]?.main ?? []) {
			for (const { node } of output ?? []) {
				if (seen.has(node)) continue;
				seen.add(node);
				queue.push(node);
			}
		}
	}
	return seen;
}

/** Runs the template's "Batches by equipment" Code node on the services with the given batch size. */
function batchesOf(file: string, services: Array<Record<string, unknown>>, batchSize: unknown) {
	const code = nodeOf(read(file), 'Batches by equipment').parameters.jsCode as string;
	const $input = { all: () => services.map((json) => ({ json })) };
	const $ = (name: string) => {
		expect(name).toBe('Batch size');
		return { first: () => ({ json: { batchSize } }) };
	};
	return new Function('$input', '$', code)($input, $) as Array<{
		json: { batch: number; of: number; services: Array<{ name: string }> };
	}>;
}

const service = (name: string, equipment: string) => ({
	name,
	url: `http://127.0.0.1/${name}`,
	equipment,
});

describe.each(FILES)('%s', (file) => {
	const template = read(file);

	it('packs the services in batches of at most the batch size, each equipment in one batch', () => {
		const services = [
			service('a1', 'a'),
			service('b1', 'b'),
			service('a2', 'a'),
			service('c1', 'c'),
			service('d1', 'd'),
			service('d2', 'd'),
			service('d3', 'd'),
			service('e1', 'e'),
		];
		const batches = batchesOf(file, services, 3);
		expect(batches.map(({ json }) => json.services.map((item) => item.name))).toEqual([
			['a1', 'a2', 'b1'],
			['c1'],
			['d1', 'd2', 'd3'],
			['e1'],
		]);
		expect(batches.map(({ json }) => [json.batch, json.of])).toEqual([
			[1, 4],
			[2, 4],
			[3, 4],
			[4, 4],
		]);
		expect(batches[0].json.services[0]).toEqual(services[0]);
	});

	it('gives an equipment larger than the batch size a batch of its own, and a short list one batch', () => {
		const big = [service('x1', 'x'), service('x2', 'x'), service('x3', 'x'), service('y1', 'y')];
		expect(batchesOf(file, big, 2).map(({ json }) => json.services.length)).toEqual([3, 1]);
		expect(batchesOf(file, big, 500).map(({ json }) => json.services.length)).toEqual([4]);
		expect(batchesOf(file, [], 500)).toEqual([]);
	});

	it.each([0, -1, 2.5, 'many', null])('refuses the batch size %p, naming it', (size) => {
		expect(() => batchesOf(file, [service('a1', 'a')], size)).toThrow(
			/"Batch size" must be a whole number of at least 1/,
		);
	});

	it('ships a batch size of 500', () => {
		expect(nodeOf(template, 'Batch size').parameters.assignments.assignments).toEqual([
			expect.objectContaining({ name: 'batchSize', value: 500, type: 'number' }),
		]);
	});

	it('calls itself for each batch, waits for it and goes on when a batch returns nothing', () => {
		const call = nodeOf(template, 'Check one batch');
		expect(call.type).toBe('n8n-nodes-base.executeWorkflow');
		expect(call.parameters).toMatchObject({
			source: 'database',
			workflowId: { __rl: true, mode: 'id', value: '={{ $workflow.id }}' },
			mode: 'once',
			options: { waitForSubWorkflow: true },
		});
		expect(call.alwaysOutputData).toBe(true);
		expect(nodeOf(template, 'Loop over batches').parameters.batchSize).toBe(1);
		expect(template.connections['Check one batch'].main).toEqual([
			[expect.objectContaining({ node: 'Loop over batches' })],
		]);
		expect(template.settings).toMatchObject({
			executionOrder: 'v1',
			callerPolicy: 'workflowsFromSameOwner',
		});
	});

	it('checks and reports only in the batch executions; retries pending work once per cycle, in the run', () => {
		const run = reachable(template, 'Every 15 minutes');
		const batch = reachable(template, 'When called by the monitoring run');
		for (const name of [
			'Skip equipment in maintenance',
			'HTTP Service Check',
			'Report failures',
			'Resolve recovered',
		]) {
			expect([name, run.has(name), batch.has(name)]).toEqual([name, false, true]);
		}
		expect(run.has('Retry pending reports and notifications')).toBe(true);
		expect(batch.has('Retry pending reports and notifications')).toBe(false);
	});

	it('returns the batch summary, which runs last: the lowest branch of the batch trigger', () => {
		const trigger = template.connections['When called by the monitoring run'].main[0].map(
			({ node }) => node,
		);
		expect(trigger).toEqual(['Services of the batch', 'Batch summary']);
		const summaryY = nodeOf(template, 'Batch summary').position[1];
		const batch = reachable(template, 'When called by the monitoring run');
		batch.delete('Batch summary');
		for (const name of batch)
			expect([name, nodeOf(template, name).position[1] < summaryY]).toEqual([name, true]);
	});

	it('shows the concurrency limits of HTTP Service Check with their defaults', () => {
		expect(nodeOf(template, 'HTTP Service Check').parameters.options.concurrencyLimits).toEqual({
			values: { concurrency: 50, perHostConcurrency: 6 },
		});
	});

	/**
	 * An expression other than `={{ $json.field }}` costs one evaluation by n8n's expression engine per
	 * service (about 1-5 ms each): the per-service parameters of the checks are plain item fields.
	 */
	it('gives HTTP Service Check and Filter Items no per-service expression beyond an item field', () => {
		for (const name of ['Skip equipment in maintenance', 'HTTP Service Check']) {
			const expressions =
				JSON.stringify(nodeOf(template, name).parameters).match(/=\{\{[^}]*\}\}/g) ?? [];
			for (const expression of expressions)
				expect([name, expression]).toEqual([
					name,
					expect.stringMatching(/^=\{\{ \$json\.\w+ \}\}$/),
				]);
		}
	});
});

describe('http-service-monitoring.json', () => {
	it('keeps a service with upgradeToHttps: false on plain HTTP and upgrades the others', () => {
		const code = nodeOf(read('http-service-monitoring.json'), 'Services of the batch').parameters
			.jsCode as string;
		const $input = {
			all: () => [{ json: { services: [{ name: 'a', upgradeToHttps: false }, { name: 'b' }] } }],
		};
		const items = new Function('$input', code)($input) as Array<{ json: Record<string, unknown> }>;
		expect(items.map((item) => item.json)).toEqual([
			{ name: 'a', upgradeToHttps: false },
			{ name: 'b', upgradeToHttps: true },
		]);
	});
});
