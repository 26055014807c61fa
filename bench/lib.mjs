// Shared by the benchmarks: a real n8n with this package linked in, driven over its APIs.
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureRuntime } from '../scripts/ensure-runtime.mjs';
import { createApiKey, freePort, installPackage, login, startN8n, stopN8n } from '../scripts/lib/n8n.mjs';
import { PROJECT_ROOT } from '../scripts/lib/paths.mjs';
import { run } from '../scripts/lib/run.mjs';

/** Builds dist/ (the benchmarks run the package as n8n loads it). */
export async function buildPackage() {
	await run(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.mjs'), '--no-check'], {
		cwd: PROJECT_ROOT,
		quiet: true,
		label: 'build',
	});
}

/** A fresh loopback n8n with the package linked in; `build: false` when dist/ is already built. */
export async function startBenchN8n(label, { build = true, extraEnv = {} } = {}) {
	if (build) await buildPackage();
	await ensureRuntime({ quiet: true });
	const work = fs.mkdtempSync(path.join(os.tmpdir(), `odoo-maint-bench-${label}-`));
	const userFolder = path.join(work, 'n8n');
	await installPackage(userFolder, { link: PROJECT_ROOT });
	const n8n = await startN8n({
		userFolder,
		port: await freePort(),
		logFile: path.join(work, 'n8n.log'),
		extraEnv: { N8N_ODOO_MAINTENANCE_STORE: path.join(work, 'state.sqlite'), ...extraEnv },
	});
	const cookie = await login(n8n.baseUrl);
	const apiKey = await createApiKey(n8n.baseUrl, cookie);
	const call = async (method, url, body, headers) => {
		const response = await fetch(`${n8n.baseUrl}${url}`, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${url} -> ${response.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	};
	return {
		...n8n,
		work,
		api: (method, url, body) => call(method, `/api/v1${url}`, body, { 'X-N8N-API-KEY': apiKey }),
		rest: (method, url, body) => call(method, `/rest${url}`, body, { cookie }),
		stop: async () => {
			await stopN8n(n8n.pid);
			fs.rmSync(work, { recursive: true, force: true });
		},
	};
}

/**
 * Runs a workflow from a trigger and waits for the execution; returns it (with its data) and the wall-clock
 * time until n8n reported it finished. Polls without the data: fetching a large execution is not the run.
 */
export async function runToEnd(n8n, workflowId, triggerName, { timeoutMs = 300_000 } = {}) {
	const workflow = await n8n.rest('GET', `/workflows/${workflowId}`);
	const started = performance.now();
	const { data } = await n8n.rest('POST', `/workflows/${workflowId}/run`, {
		workflowData: workflow.data,
		triggerToStartFrom: { name: triggerName },
	});
	for (;;) {
		const execution = await n8n.api('GET', `/executions/${data.executionId}`).catch(() => null);
		if (execution && !['new', 'running', 'waiting'].includes(execution.status)) break;
		if (performance.now() - started > timeoutMs) {
			throw new Error(`execution did not finish in ${timeoutMs / 1000} s`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const wallMs = performance.now() - started;
	const execution = await n8n.api('GET', `/executions/${data.executionId}?includeData=true`);
	return { execution, wallMs };
}

/** Bundles a TypeScript module of the project so a benchmark can import it. */
export async function importTs(relative) {
	const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'odoo-maint-bench-ts-')), 'module.cjs');
	buildSync({
		entryPoints: [path.join(PROJECT_ROOT, relative)],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		// As scripts/build.mjs: node-postgres' optional native binding and Workers socket stay out.
		external: ['pg-native', 'pg-cloudflare'],
		logLevel: 'error',
	});
	return import(outfile);
}

export function readTemplate(file) {
	return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'workflows', file), 'utf8'));
}

export function loadAverage() {
	return os.loadavg()[0].toFixed(2);
}
