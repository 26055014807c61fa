/**
 * The documentation links n8n shows (a credential's documentationUrl, a node's codex documentation) open a README
 * heading that exists.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const HOMEPAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
	.homepage as string;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

function readmeAnchors(): Set<string> {
	const readme = fs
		.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
		.replace(/^```[\s\S]*?^```/gm, '');
	return new Set([...readme.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => anchorOf(match[1])));
}

function filesUnder(dir: string, suffixes: string[]): string[] {
	return fs
		.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
		.filter((file) => suffixes.some((suffix) => file.endsWith(suffix)))
		.map((file) => path.join(dir, file));
}

function readmeLinks(): Array<{ file: string; anchor: string }> {
	const pattern = new RegExp(`${HOMEPAGE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#([\\w-]+)`, 'g');
	return [
		...filesUnder('credentials', ['.ts']),
		...filesUnder('nodes', ['.ts', '.node.json']),
	].flatMap((file) =>
		[...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(pattern)].map((match) => ({
			file,
			anchor: match[1],
		})),
	);
}

describe('documentation links', () => {
	test('each credential has a documentationUrl into the README', () => {
		for (const file of filesUnder('credentials', ['.credentials.ts'])) {
			expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toMatch(
				/documentationUrl\s*=\s*'[^']+#[\w-]+'/,
			);
		}
	});

	test('every README anchor a node or credential links to is a README heading', () => {
		const links = readmeLinks();
		expect(links.length).toBeGreaterThanOrEqual(7);
		const anchors = readmeAnchors();
		expect(links.filter(({ anchor }) => !anchors.has(anchor))).toEqual([]);
	});

	test('anchors follow GitHub: case, punctuation and spaces', () => {
		expect(anchorOf('Odoo Webhook Trigger')).toBe('odoo-webhook-trigger');
		expect(anchorOf('Triggers: common rules')).toBe('triggers-common-rules');
		expect(anchorOf('Quick start (this repository)')).toBe('quick-start-this-repository');
		expect(anchorOf('`odoo-ip-change.json` — Odoo.sh IP change')).toBe(
			'odoo-ip-changejson--odoosh-ip-change',
		);
	});
});
