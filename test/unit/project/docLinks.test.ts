/**
 * Every documentation link n8n shows (a credential's documentationUrl, a node's codex documentation) opens a page of
 * this repository that exists, without a #fragment: n8n appends its tracking query after the URL, which breaks
 * fragments. Links between the pages resolve too.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { ICredentialType } from 'n8n-workflow';

import { OdooMaintenanceApi } from '../../../credentials/OdooMaintenanceApi.credentials';
import { OdooMaintenanceBasicAuthApi } from '../../../credentials/OdooMaintenanceBasicAuthApi.credentials';
import { OdooMaintenanceHeaderAuthApi } from '../../../credentials/OdooMaintenanceHeaderAuthApi.credentials';

const ROOT = path.resolve(__dirname, '../../..');
const HOMEPAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
	.homepage as string;
const BLOB = `${HOMEPAGE}/blob/main/`;

const CREDENTIALS: ICredentialType[] = [
	new OdooMaintenanceApi(),
	new OdooMaintenanceBasicAuthApi(),
	new OdooMaintenanceHeaderAuthApi(),
];

function codexLinks(): Array<{ owner: string; url: string }> {
	return fs.readdirSync(path.join(ROOT, 'nodes')).flatMap((folder) => {
		const codex = path.join(ROOT, 'nodes', folder, `${folder}.node.json`);
		if (!fs.existsSync(codex)) return [];
		const resources = JSON.parse(fs.readFileSync(codex, 'utf8')).resources as Record<
			string,
			Array<{ url: string }>
		>;
		return Object.values(resources)
			.flat()
			.map(({ url }) => ({ owner: folder, url }));
	});
}

function allLinks(): Array<{ owner: string; url: string }> {
	return [
		...CREDENTIALS.map((credential) => ({
			owner: credential.name,
			url: credential.documentationUrl ?? '',
		})),
		...codexLinks(),
	];
}

/** The repository file a documentation URL opens on GitHub. */
function fileOf(url: string): string {
	return path.join(ROOT, url.slice(BLOB.length));
}

describe('documentation links', () => {
	it('every node and credential links to documentation', () => {
		expect(
			codexLinks()
				.map(({ owner }) => owner)
				.sort(),
		).toEqual(
			[
				'HttpServiceCheck',
				'IpChangeTrigger',
				'MaintenanceMode',
				'MaintenanceRequest',
				'OdooWebhookTrigger',
				'ServiceStatus',
			]
				.flatMap((node) => [node, node])
				.sort(),
		);
		for (const credential of CREDENTIALS) expect(credential.documentationUrl).toBeTruthy();
	});

	it.each(allLinks())('$owner: $url opens an existing page without a fragment', ({ url }) => {
		expect(url).not.toContain('#');
		expect(url.startsWith(BLOB)).toBe(true);
		const file = fileOf(url);
		expect(fs.existsSync(file)).toBe(true);
		const text = fs.readFileSync(file, 'utf8');
		expect(text).toMatch(/^# \S/);
		expect(text.length).toBeGreaterThan(300);
	});

	it('each node and each credential has its own page', () => {
		const primary = codexLinks().filter(({ url }) => url.includes('/docs/nodes/'));
		expect(new Set(primary.map(({ url }) => url)).size).toBe(6);
		expect(new Set(CREDENTIALS.map((credential) => credential.documentationUrl)).size).toBe(3);
	});

	it('links between the documentation pages resolve', () => {
		const pages = fs
			.readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.md'))
			.map((file) => path.join(ROOT, 'docs', file));
		const broken = pages.flatMap((page) =>
			[...fs.readFileSync(page, 'utf8').matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)]
				.map((match) => match[1])
				.filter((target) => !fs.existsSync(path.resolve(path.dirname(page), target)))
				.map((target) => `${path.relative(ROOT, page)} -> ${target}`),
		);
		expect(pages.length).toBeGreaterThanOrEqual(9);
		expect(broken).toEqual([]);
	});
});
