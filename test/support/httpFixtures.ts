import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimpleServer {
	url: string;
	port: number;
	close(): Promise<void>;
	requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>;
}

/** A loopback HTTP server answering with `handler` and recording every request. */
export async function startServer(
	handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void,
	port = 0,
): Promise<SimpleServer> {
	const requests: SimpleServer['requests'] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			handler(req, res, body);
		});
	});
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const bound = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${bound}`,
		port: bound,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Answers /status/<code> with that code, everything else with 200. */
export function statusServer(): Promise<SimpleServer> {
	return startServer((req, res) => {
		const match = /^\/status\/(\d{3})/.exec(req.url ?? '');
		res.writeHead(match ? Number(match[1]) : 200, { 'content-type': 'text/plain' });
		res.end(match ? `status ${match[1]}` : 'ok');
	});
}
