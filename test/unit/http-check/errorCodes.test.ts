// Issue 17, point 9: every failure maps to a documented code, and the README lists exactly the codes
// a check can report.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { checkService } from '../../../nodes/shared/http-check';
import { CHECK_ERROR_CODES } from '../../../nodes/shared/http-check/types';
import { startServer, type SimpleServer } from '../../support/httpFixtures';

const ROOT = path.join(__dirname, '../../..');
const plain = { upgradeToHttps: false, retries: 0, retryDelayMs: 0 };

/** The codes of a row (`error`, or `degraded`, `warnings`) of the README's check output table. */
function readmeCodes(rowStart = '| `error` |'): string[] {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const row = readme.split('\n').find((line) => line.startsWith(rowStart));
	if (!row) throw new Error(`the README has no row starting with ${rowStart}`);
	return [...row.matchAll(/`([A-Z][A-Z_]+)`/g)].map((match) => match[1]);
}

describe('HTTP Service Check error codes', () => {
	let server: SimpleServer;
	let garbage: net.Server;
	let garbagePort: number;
	beforeAll(async () => {
		server = await startServer((req, res) => {
			if (req.url === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
			else if (req.url === '/to-ftp') res.writeHead(301, { location: 'ftp://127.0.0.1/x' }).end();
			else res.writeHead(200, { 'x-big': 'x'.repeat(100_000) }).end('ok');
		});
		garbage = net.createServer((socket) =>
			socket.on('data', () => socket.end('HTTP/1.1 200 OK\r\nnot a header\r\n\r\n')),
		);
		await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
		garbagePort = (garbage.address() as net.AddressInfo).port;
	});
	afterAll(async () => {
		await server.close();
		await new Promise((resolve) => garbage.close(resolve));
	});

	it.each([
		['/to-file', 'INVALID_REDIRECT', /^Redirected to a URL that is not HTTP or HTTPS: .*"file:"/],
		['/to-ftp', 'INVALID_REDIRECT', /^Redirected to a URL that is not HTTP or HTTPS/],
		['/huge-header', 'INVALID_RESPONSE', /^Malformed HTTP response: .*HPE_HEADER_OVERFLOW/],
	])('%s -> %s', async (urlPath, code, message) => {
		const result = await checkService(`${server.url}${urlPath}`, plain);
		expect(result.error).toEqual({ code, message: expect.stringMatching(message) });
		expect(result.statusCode).toBe(-1);
	});

	it('a malformed status or header line -> INVALID_RESPONSE', async () => {
		const result = await checkService(`http://127.0.0.1:${garbagePort}/`, plain);
		expect(result.error?.code).toBe('INVALID_RESPONSE');
	});

	it('the README lists exactly the codes a check can report', () => {
		expect([...readmeCodes()].sort()).toEqual([...CHECK_ERROR_CODES].sort());
	});

	it('every code written in the checker’s source is in the README (errors and warnings)', () => {
		const dir = path.join(ROOT, 'nodes/shared/http-check');
		const documented = new Set([...readmeCodes(), ...readmeCodes('| `degraded`, `warnings` |')]);
		for (const file of fs.readdirSync(dir)) {
			const source = fs.readFileSync(path.join(dir, file), 'utf8');
			for (const [, code] of source.matchAll(/code: '([A-Z_]+)'/g)) {
				expect({ file, code, documented: documented.has(code) }).toEqual({
					file,
					code,
					documented: true,
				});
			}
		}
	});
});
