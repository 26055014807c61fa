// A loopback webhook receiver that can go down and come back on the same port, recording what it got.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface Receiver {
	readonly url: string;
	readonly port: number;
	readonly received: Received[];
	/** Status answered to the n-th request (0-based); 200 by default. */
	status: (index: number) => number;
	/** Pause before answering, in ms. */
	delayMs: number;
	/** Closes the port (connections are refused) until `start`. */
	stop(): Promise<void>;
	start(): Promise<void>;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const index = received.length;
			received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			const answer = () => {
				res.writeHead(receiver.status(index), { 'content-type': 'application/json' });
				res.end('{"ok":true}');
			};
			if (receiver.delayMs > 0) setTimeout(answer, receiver.delayMs);
			else answer();
		});
	});
	let port = 0;
	const listen = () =>
		new Promise<void>((resolve) =>
			server.listen(port, '127.0.0.1', () => {
				port = (server.address() as AddressInfo).port;
				resolve();
			}),
		);
	const stop = () =>
		new Promise<void>((resolve) => {
			if (!server.listening) return resolve();
			server.close(() => resolve());
			server.closeAllConnections();
		});
	await listen();
	const receiver: Receiver = {
		get url() {
			return `http://127.0.0.1:${port}/hooks/maintenance`;
		},
		get port() {
			return port;
		},
		received,
		status: () => 200,
		delayMs: 0,
		stop,
		start: async () => {
			if (!server.listening) await listen();
		},
		close: stop,
	};
	return receiver;
}
