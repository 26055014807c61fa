/**
 * The Odoo controller the README gives for forwarding Odoo.sh's /_odoo.sh/ip-change to the IP Change
 * Trigger (odoo/ip_change.py): the README shows exactly that file, and the file runs under Python
 * with stand-ins for Odoo, requests and werkzeug (test/support/odoo-controller/run.py), no Odoo needed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CONTROLLER = path.join(ROOT, 'odoo/ip_change.py');
const RUNNER = path.join(ROOT, 'test/support/odoo-controller/run.py');
const hasPython = spawnSync('python3', ['--version']).status === 0;

interface Scenario {
	remoteAddr?: string | null;
	params?: Record<string, string>;
	query?: Record<string, string>;
	failForward?: boolean;
}

interface Outcome {
	status: number;
	body?: string;
	forwarded: Array<{ url: string; params: object; auth: string[]; timeout: number }>;
	logs: string[];
}

function runController(scenarios: Scenario[]): { route: unknown; results: Outcome[] } {
	const run = spawnSync('python3', [RUNNER, CONTROLLER], {
		input: JSON.stringify(scenarios),
		encoding: 'utf8',
		timeout: 30_000,
	});
	if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
	return JSON.parse(run.stdout) as { route: unknown; results: Outcome[] };
}

const N8N = {
	'n8n.ip_change_url': 'https://n8n.example.test/webhook/_odoo.sh/ip-change',
	'n8n.ip_change_user': 'odoo',
	'n8n.ip_change_password': 's3cret',
};
const QUERY = { new: '203.0.113.20', old: '203.0.113.10' };

describe("the README's Odoo controller for /_odoo.sh/ip-change", () => {
	it('is the file the README shows', () => {
		const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		const block = /```python\n(# my_module\/controllers\/ip_change\.py[\s\S]*?)```/.exec(
			readme,
		)?.[1];
		expect(block).toBe(fs.readFileSync(CONTROLLER, 'utf8'));
	});

	(hasPython ? describe : describe.skip)('run under Python with stand-ins for Odoo', () => {
		it('refuses callers outside loopback and private networks by default, forwarding nothing', () => {
			const { route, results } = runController([
				{ remoteAddr: '198.51.100.7', params: N8N, query: QUERY },
				{ remoteAddr: '2001:db8::1', params: N8N, query: QUERY },
				{ remoteAddr: null, params: N8N, query: QUERY },
				{ remoteAddr: 'not-an-ip', params: N8N, query: QUERY },
			]);
			expect(route).toEqual({
				args: ['/_odoo.sh/ip-change'],
				kwargs: { type: 'http', auth: 'public', methods: ['GET'], csrf: false },
			});
			for (const result of results) {
				expect(result).toMatchObject({ status: 403, forwarded: [] });
			}
			expect(results[0].logs).toEqual([
				'WARNING IP change notification from 198.51.100.7 refused (n8n.ip_change_allowed)',
			]);
		});

		it('forwards an allowed call to n8n with Basic Auth and answers ok', () => {
			const { results } = runController([
				{ remoteAddr: '127.0.0.1', params: N8N, query: QUERY },
				{ remoteAddr: '10.20.30.40', params: N8N, query: QUERY },
				{ remoteAddr: '::1', params: N8N, query: { new: '2001:db8::20' } },
			]);
			expect(results[0]).toEqual({
				status: 200,
				body: 'ok',
				forwarded: [
					{ url: N8N['n8n.ip_change_url'], params: QUERY, auth: ['odoo', 's3cret'], timeout: 10 },
				],
				logs: [],
			});
			expect(results[1].forwarded).toHaveLength(1);
			expect(results[2].forwarded[0].params).toEqual({ new: '2001:db8::20', old: null });
		});

		it('uses the allowlist of the n8n.ip_change_allowed system parameter instead, skipping bad entries', () => {
			const allowed = { ...N8N, 'n8n.ip_change_allowed': 'nonsense, 198.51.100.0/24' };
			const { results } = runController([
				{ remoteAddr: '198.51.100.7', params: allowed, query: QUERY },
				{ remoteAddr: '10.20.30.40', params: allowed, query: QUERY },
			]);
			expect(results[0]).toMatchObject({ status: 200, body: 'ok' });
			expect(results[0].logs).toEqual([
				"WARNING n8n.ip_change_allowed: 'nonsense' is not a network, ignored",
			]);
			expect(results[1]).toMatchObject({ status: 403, forwarded: [] });
		});

		it('still answers ok to Odoo.sh when n8n cannot be reached, and logs it', () => {
			const { results } = runController([
				{ remoteAddr: '10.0.0.1', params: N8N, query: QUERY, failForward: true },
			]);
			expect(results[0]).toMatchObject({ status: 200, body: 'ok' });
			expect(results[0].logs).toEqual([
				'ERROR Forwarding the IP change 203.0.113.10 -> 203.0.113.20 to n8n failed',
			]);
		});
	});
});
