import got from 'got';
import type { Agent as HttpAgent, ClientRequest, IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { performance } from 'node:perf_hooks';

import { expiredError, expiryWarning, isExpired, toCertificateInfo } from './certificate';
import { classifyError } from './classifyError';
import type { PreparedCheckOptions } from './options';
import { toCheckTimings, type RequestTimings } from './timings';
import type { CertificateInfo, CheckError, CheckTimings, CheckWarning, RedirectHop } from './types';

/** Keyword checks look at this much of the body; larger bodies are cut there. */
export const MAX_BODY_BYTES = 1024 * 1024;

const USER_AGENT = 'n8n-nodes-odoo-maintenance/http-check';

export interface Agents {
	http: HttpAgent;
	https: HttpsAgent;
}

export interface AttemptOutcome {
	ok: boolean;
	statusCode: number;
	error: CheckError | null;
	responseTimeMs: number;
	timings: CheckTimings;
	redirects: RedirectHop[];
	certificate: CertificateInfo | null;
	warnings: CheckWarning[] | undefined;
}

type TimedRequest = ClientRequest & { timings?: RequestTimings };
type GotResponse = IncomingMessage & { url: string };

function withoutCredentials(url: string): string {
	if (!url.includes('@')) return url;
	const parsed = new URL(url);
	parsed.username = '';
	parsed.password = '';
	return parsed.toString();
}

/**
 * got puts the credentials into the URL, whose setter escapes everything but `%`, and Node
 * percent-decodes them again: without this `a%41` would be sent as `aA` and `100%` would throw.
 */
const escapePercent = (text: string): string => text.replaceAll('%', '%25');

function keywordError(
	options: PreparedCheckOptions,
	body: Buffer,
	truncated: boolean,
): CheckError | null {
	const scope = truncated ? ` (only the first ${MAX_BODY_BYTES} bytes were searched)` : '';
	const { bodyMustContain, bodyMustNotContain } = options;
	if (bodyMustContain !== undefined && !body.includes(bodyMustContain)) {
		return {
			code: 'KEYWORD_MISSING',
			message: `The response body does not contain "${bodyMustContain}"${scope}`,
		};
	}
	if (bodyMustNotContain !== undefined && body.includes(bodyMustNotContain)) {
		return {
			code: 'KEYWORD_FOUND',
			message: `The response body contains "${bodyMustNotContain}", which it must not`,
		};
	}
	return null;
}

function timeoutMessage(
	timeoutMs: number,
	timings: RequestTimings | undefined,
	isTls: boolean,
): string {
	let phase = 'waiting for a connection';
	if (timings?.connect !== undefined) {
		if (isTls && timings.phases.tls === undefined) phase = 'in the TLS handshake';
		else if (timings.phases.firstByte === undefined) phase = 'waiting for the response';
		else phase = 'reading the response body';
	} else if (timings?.socket !== undefined) {
		phase = 'connecting';
	}
	return `No complete response within ${timeoutMs} ms (timed out ${phase})`;
}

/** One HTTP exchange (redirects included) with a fresh connection; never rejects. */
export function runAttempt(
	url: string,
	options: PreparedCheckOptions,
	agents: Agents,
	now: () => number,
): Promise<AttemptOutcome> {
	const started = performance.now();
	const collectBody =
		options.bodyMustContain !== undefined || options.bodyMustNotContain !== undefined;
	const redirects: RedirectHop[] = [];
	let timings: RequestTimings | undefined;
	let hostIsIp = false;
	let isTls = false;
	let peerCertificate: PeerCertificate | null = null;
	let response: GotResponse | undefined;
	let chunks: Buffer[] | undefined;
	let bodyBytes = 0;

	return new Promise<AttemptOutcome>((resolve) => {
		let settled = false;
		// Assigned once the request exists; finish() may run before that.
		let timer: NodeJS.Timeout | undefined = undefined;
		const finish = (
			statusCode: number,
			error: CheckError | null,
			nowMs = now(),
			certificate = toCertificateInfo(peerCertificate, nowMs),
		): void => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			const elapsed = performance.now() - started;
			const warning =
				certificate && options.certExpiryWarningDays > 0
					? expiryWarning(certificate, nowMs, options.certExpiryWarningDays)
					: null;
			resolve({
				ok: error === null,
				statusCode,
				error,
				responseTimeMs: Math.round(elapsed),
				timings: toCheckTimings(timings, hostIsIp, Math.round(elapsed), Date.now()),
				redirects,
				certificate,
				warnings: warning ? [warning] : undefined,
			});
		};

		const evaluateResponse = (truncated: boolean): void => {
			if (!response) return;
			const { statusCode = -1 } = response;
			const nowMs = now();
			const certificate = toCertificateInfo(peerCertificate, nowMs);
			if (certificate && isExpired(certificate, nowMs)) {
				return finish(statusCode, expiredError(certificate), nowMs, certificate);
			}
			if (!options.statusMatcher.matches(statusCode)) {
				return finish(statusCode, {
					code: 'UNEXPECTED_STATUS',
					message: `HTTP ${statusCode} is not an accepted status code (accepted: ${options.statusMatcher.description})`,
				});
			}
			if (chunks) {
				const body = Buffer.concat(chunks, Math.min(bodyBytes, MAX_BODY_BYTES));
				return finish(statusCode, keywordError(options, body, truncated));
			}
			finish(statusCode, null);
		};

		const auth = options.auth === 'none' || options.auth === null ? undefined : options.auth;
		let stream: ReturnType<typeof got.stream>;
		try {
			stream = got.stream(url, {
				method: options.method,
				headers: { 'user-agent': USER_AGENT, ...options.headers },
				username: auth && escapePercent(auth.user),
				password: auth && escapePercent(auth.password),
				followRedirect: options.followRedirects,
				maxRedirects: options.maxRedirects,
				https: { rejectUnauthorized: options.verifyTls },
				agent: agents,
				retry: 0,
				throwHttpErrors: false,
			});
		} catch (error) {
			// got validates some options synchronously; the promise still never rejects.
			return finish(-1, classifyError(error, null, now()));
		}

		timer = setTimeout(() => {
			finish(response?.statusCode ?? -1, {
				code: 'ETIMEDOUT',
				message: timeoutMessage(options.timeoutMs, timings, isTls),
			});
			stream.destroy();
		}, options.timeoutMs);

		// Not getPeerX509Certificate(): on a client socket it removes the leaf from OpenSSL's peer
		// chain (Node 24), after which Node's own hostname check sees the issuer and fails.
		const captureCertificate = (socket: Socket): void => {
			const tlsSocket = socket as TLSSocket;
			if (typeof tlsSocket.getPeerCertificate !== 'function') return;
			const current = tlsSocket.getPeerCertificate();
			if (current?.valid_to) {
				peerCertificate = current;
				return;
			}
			// 'secure' fires before Node's own verification, which destroys the socket on a bad
			// certificate; reading it here is what lets an expired one be told apart.
			tlsSocket.prependOnceListener('secure', () => {
				peerCertificate = tlsSocket.getPeerCertificate();
			});
		};

		stream.on('request', (request: TimedRequest) => {
			timings = request.timings;
			hostIsIp = isIP(request.host) !== 0;
			isTls = request.protocol === 'https:';
			peerCertificate = null;
			request.once('socket', captureCertificate);
		});
		stream.on('redirect', (hop: GotResponse) => {
			redirects.push({ url: withoutCredentials(hop.url), statusCode: hop.statusCode ?? -1 });
		});
		stream.on('response', (res: GotResponse) => {
			response = res;
			if (collectBody && options.statusMatcher.matches(res.statusCode ?? -1)) chunks = [];
		});
		stream.on('data', (chunk: Buffer) => {
			bodyBytes += chunk.length;
			chunks?.push(chunk);
			if (bodyBytes >= MAX_BODY_BYTES) {
				evaluateResponse(bodyBytes > MAX_BODY_BYTES);
				stream.destroy();
			}
		});
		stream.on('end', () => evaluateResponse(false));
		stream.on('error', (error: Error & { code?: string; response?: GotResponse }) => {
			if (error.code === 'ERR_TOO_MANY_REDIRECTS' && error.response) {
				const statusCode = error.response.statusCode ?? -1;
				const hopUrl = withoutCredentials(error.response.url);
				const loop = redirects.some((hop) => hop.url === hopUrl);
				redirects.push({ url: hopUrl, statusCode });
				return finish(statusCode, {
					code: 'TOO_MANY_REDIRECTS',
					message: `Stopped after ${options.maxRedirects} redirects${loop ? ` (redirect loop through ${hopUrl})` : ''}`,
				});
			}
			const nowMs = now();
			const certificate = toCertificateInfo(peerCertificate, nowMs);
			finish(
				response?.statusCode ?? -1,
				classifyError(error, certificate, nowMs),
				nowMs,
				certificate,
			);
		});
	});
}
