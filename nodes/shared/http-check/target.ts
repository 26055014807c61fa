import type { CheckError } from './types';

export interface TargetOptions {
	upgradeToHttps: boolean;
	healthPath?: string;
}

export type Target = { ok: true; url: string } | { ok: false; error: CheckError };

const invalid = (message: string): Target => ({
	ok: false,
	error: { code: 'INVALID_URL', message },
});

/**
 * Builds the URL to request from the configured service URL. Never throws: a bad URL becomes an
 * INVALID_URL error so one bad row does not abort a whole run.
 */
export function buildTarget(input: unknown, options: TargetOptions): Target {
	if (input === undefined || input === null || input === '') {
		return invalid('The service URL is missing');
	}
	if (typeof input !== 'string') {
		return invalid(`The service URL must be a string, got ${typeof input}`);
	}
	const text = input.trim();
	if (text === '') {
		return invalid('The service URL is missing');
	}
	// Without it, `host:8069` would parse as a URL with the scheme "host:".
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
		return invalid(`The service URL "${text}" must start with http:// or https://`);
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return invalid(`The service URL "${text}" is malformed`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return invalid(
			`The service URL "${text}" uses ${url.protocol.slice(0, -1)}; only http and https are supported`,
		);
	}
	if (url.hostname === '') {
		return invalid(`The service URL "${text}" has no host`);
	}
	if (options.upgradeToHttps && url.protocol === 'http:') {
		// An explicit port is kept as is; only the scheme (and so the implicit port) changes.
		url.protocol = 'https:';
	}
	if (options.healthPath !== undefined) {
		const override = new URL(options.healthPath.trim(), 'http://placeholder.invalid');
		url.pathname = override.pathname;
		url.search = override.search;
		url.hash = '';
	}
	return { ok: true, url: url.toString() };
}
