import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Logger } from 'n8n-workflow';

import { logCall } from '../../../nodes/shared/trigger/callLog';
import { workflowOutcomeReply } from '../../../nodes/shared/trigger/finalResponse';
import { errorReply, okReply, sendReply, type Reply } from '../../../nodes/shared/trigger/reply';

describe('sendReply', () => {
	let server: http.Server;
	let url: string;
	let next: Reply;

	beforeAll(async () => {
		server = http.createServer((_req, res) => {
			sendReply(res, next);
			sendReply(res, okReply({ second: 'ignored' }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('writes objects as JSON with length, no-store and extra headers, once', async () => {
		next = errorReply(405, 'Method PUT is not allowed; use GET or POST', { allow: 'GET, POST' });
		const response = await fetch(url);
		const text = await response.text();
		expect(response.status).toBe(405);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('allow')).toBe('GET, POST');
		expect(JSON.parse(text)).toEqual({
			status: 'error',
			message: 'Method PUT is not allowed; use GET or POST',
		});
	});

	it('writes strings as plain text', async () => {
		next = okReply('ok');
		const response = await fetch(url);
		expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(await response.text()).toBe('ok');
	});
});

describe('workflowOutcomeReply', () => {
	it('answers ok for a successful run, whatever the last node returned', () => {
		expect(workflowOutcomeReply(200, undefined)).toEqual({ status: 200, body: { status: 'ok' } });
		expect(workflowOutcomeReply(200, { id: 7, updated: true })).toEqual({
			status: 200,
			body: { status: 'ok' },
		});
	});

	it("turns n8n's failure answer into Odoo's error shape", () => {
		expect(workflowOutcomeReply(500, { message: 'Error in workflow' })).toEqual({
			status: 500,
			body: { status: 'error', message: 'The workflow failed (Error in workflow)' },
		});
		expect(
			workflowOutcomeReply(500, { code: 0, message: 'There was a problem executing the workflow' })
				.body,
		).toEqual({
			status: 'error',
			message: 'The workflow failed (There was a problem executing the workflow)',
		});
		expect(workflowOutcomeReply(500, undefined).body).toEqual({
			status: 'error',
			message: 'The workflow failed',
		});
	});
});

describe('logCall', () => {
	function capture() {
		const lines: Array<{ level: string; message: string; metadata?: Record<string, unknown> }> = [];
		const logger = Object.fromEntries(
			['error', 'warn', 'info', 'debug'].map((level) => [
				level,
				(message: string, metadata?: Record<string, unknown>) =>
					lines.push({ level, message, metadata }),
			]),
		) as unknown as Logger;
		return { lines, logger };
	}

	it('logs accepted calls at info with time, method, source, outcome, model and id', () => {
		const { lines, logger } = capture();
		logCall(
			logger,
			{
				trigger: 'Odoo hook',
				workflowId: 'w1',
				method: 'POST',
				sourceIp: '10.0.0.5',
				status: 200,
				outcome: 'accepted',
				model: 'sale.order',
				id: 7,
			},
			new Date('2026-11-23T10:00:00Z'),
		);
		expect(lines).toEqual([
			{
				level: 'info',
				message: 'Odoo hook: POST from 10.0.0.5 -> 200 accepted (model sale.order, id 7)',
				metadata: {
					time: '2026-11-23T10:00:00.000Z',
					trigger: 'Odoo hook',
					workflowId: 'w1',
					method: 'POST',
					sourceIp: '10.0.0.5',
					status: 200,
					outcome: 'accepted',
					model: 'sale.order',
					id: '7',
				},
			},
		]);
	});

	it('logs refusals at warn, on one line even when payload values contain line breaks', () => {
		const { lines, logger } = capture();
		logCall(logger, {
			trigger: 'T',
			method: 'POST',
			sourceIp: '203.0.113.7',
			status: 400,
			outcome: 'Missing required fields: id',
			model: 'sale.order\n2026-11-23 | info | forged line',
			id: 'x'.repeat(500),
		});
		expect(lines[0].level).toBe('warn');
		expect(lines[0].message).not.toContain('\n');
		expect(lines[0].message).toContain('model sale.order 2026-11-23 | info | forged line');
		expect(String(lines[0].metadata?.id).length).toBeLessThanOrEqual(121);
	});

	it('leaves out model and id when the call had none', () => {
		const { lines, logger } = capture();
		logCall(logger, {
			trigger: 'T',
			method: 'PUT',
			sourceIp: '',
			status: 405,
			outcome: 'Method PUT is not allowed',
		});
		expect(lines[0].message).toBe('T: PUT from unknown -> 405 Method PUT is not allowed');
	});
});
