// Runs a trigger's webhook() on real loopback requests with a minimal IWebhookFunctions, and
// answers the way n8n would afterwards (webhookResponse via Express-style res.json/res.send).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	NodeHelpers,
	type INode,
	type INodeType,
	type INodeParameters,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { fetchHttpRequest } from '../../support/fetchSend';

export interface LoggedLine {
	level: string;
	message: string;
	metadata?: Record<string, unknown>;
}

export interface HarnessOptions {
	parameters?: INodeParameters;
	credentials?: Record<string, Record<string, unknown>>;
	webhookId?: string;
	/** n8n's execution mode: 'manual' for a call to the test URL (default: 'webhook', the production URL). */
	mode?: 'webhook' | 'manual';
	/** What n8n sends once the workflow ends in "lastNode" mode (default: success). */
	workflowOutcome?: { status: number; body: unknown };
}

export interface Harness {
	url: string;
	/** What webhook() returned for each request, in order. */
	results: IWebhookResponseData[];
	logs: LoggedLine[];
	close(): Promise<void>;
}

type ExpressLike = http.ServerResponse & {
	status(code: number): ExpressLike;
	json(body?: unknown): ExpressLike;
	send(body?: unknown): ExpressLike;
};

function expressify(res: http.ServerResponse): ExpressLike {
	const express = res as ExpressLike;
	express.status = (code) => {
		express.statusCode = code;
		return express;
	};
	express.json = function (this: ExpressLike, body?: unknown) {
		if (!this.getHeader('content-type'))
			this.setHeader('content-type', 'application/json; charset=utf-8');
		return this.send(body === undefined ? '' : JSON.stringify(body));
	};
	express.send = function (this: ExpressLike, body?: unknown) {
		if (typeof body === 'string' && !this.getHeader('content-type')) {
			this.setHeader('content-type', 'text/html; charset=utf-8');
		}
		this.end(body as string | undefined);
		return this;
	};
	return express;
}

export async function startHarness(
	nodeType: INodeType,
	options: HarnessOptions = {},
): Promise<Harness> {
	const results: IWebhookResponseData[] = [];
	const logs: LoggedLine[] = [];
	const node: INode = {
		id: 'node-1',
		name: nodeType.description.defaults.name as string,
		type: `n8n-nodes-odoo-maintenance.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		webhookId: options.webhookId ?? '0f0e0d0c-0b0a-4909-8807-060504030201',
	};
	const parameters = NodeHelpers.getNodeParameters(
		nodeType.description.properties,
		options.parameters ?? {},
		true,
		false,
		node,
		nodeType.description,
	) as INodeParameters;
	node.parameters = parameters;
	const logger = Object.fromEntries(
		['error', 'warn', 'info', 'debug'].map((level) => [
			level,
			(message: string, metadata?: Record<string, unknown>) =>
				logs.push({ level, message, metadata }),
		]),
	);

	const server = http.createServer((req, rawRes) => {
		const res = expressify(rawRes);
		const ctx = {
			getRequestObject: () => req,
			getResponseObject: () => res,
			getNode: () => node,
			getWorkflow: () => ({ id: 'wf-1', name: 'test', active: true }),
			getMode: () => options.mode ?? 'webhook',
			getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
			getCredentials: async (type: string) => {
				const found = options.credentials?.[type];
				if (!found) throw new Error(`Node does not have any credentials set for "${type}"`);
				return found;
			},
			helpers: { httpRequest: fetchHttpRequest },
			logger,
		} as unknown as IWebhookFunctions;
		nodeType.webhook!.call(ctx).then(
			(result) => {
				results.push(result);
				if (result.noWebhookResponse) return;
				if (result.webhookResponse !== undefined) {
					const body = result.webhookResponse;
					res.status(200);
					if (typeof body === 'string') res.send(body);
					else res.json(body);
					return;
				}
				const outcome = options.workflowOutcome ?? { status: 200, body: undefined };
				res.status(outcome.status).json(outcome.body);
			},
			(error: Error) => {
				results.push({});
				rawRes.writeHead(599).end(`webhook() threw: ${error.message}`);
			},
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		results,
		logs,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export async function call(
	url: string,
	init: RequestInit = {},
): Promise<{ status: number; body: any; text: string; headers: Headers }> {
	const response = await fetch(url, init);
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// plain text answer
	}
	return { status: response.status, body, text, headers: response.headers };
}

/** Items a webhook() call emitted, or undefined when it started no execution. */
export function emitted(result: IWebhookResponseData): Array<Record<string, unknown>> | undefined {
	return result.workflowData?.[0]?.map((item) => item.json as Record<string, unknown>);
}
