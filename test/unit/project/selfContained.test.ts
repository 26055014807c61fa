/**
 * Everything the tests, benchmarks and scripts read at run time lives in the repository: a fresh clone has no
 * `../shared` folder beside it (the reference material the project was written from stays outside).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SCANNED = ['test', 'bench', 'scripts'];

/** Ways a path can leave the repository for the shared folder beside it. */
const OUTSIDE = [
	/\.\.[\\/]+shared\b/, // '../shared', '../../../shared/reference/...'
	/['"`]\.\.['"`]\s*,\s*(\.\.\.\s*\[)?\s*['"`]shared['"`]/, // path.join(root, '..', 'shared')
	/\/work\/shared\b/, // the absolute path on the machine the project was written on
	/\bshared[\\/](reference|seeds)\b/,
];

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full);
		return [full];
	});
}

function referencesOutside(text: string): string[] {
	return text
		.split('\n')
		.filter((line) => OUTSIDE.some((pattern) => pattern.test(line)))
		.map((line) => line.trim());
}

describe('self-contained repository', () => {
	test.each(SCANNED)('nothing under %s/ reads the shared folder outside the repository', (dir) => {
		const offenders = filesUnder(path.join(ROOT, dir))
			.filter((file) => file !== __filename)
			.flatMap((file) =>
				referencesOutside(fs.readFileSync(file, 'utf8')).map(
					(line) => `${path.relative(ROOT, file)}: ${line}`,
				),
			);
		expect(offenders).toEqual([]);
	});

	test('the check recognizes each way out and leaves the nodes/shared modules alone', () => {
		expect(
			referencesOutside(
				`path.resolve(__dirname, '../../../shared/reference/odoo19-transcripts.json')`,
			),
		).toHaveLength(1);
		expect(referencesOutside(`path.join(PROJECT_ROOT, '..', 'shared', 'seeds')`)).toHaveLength(1);
		expect(referencesOutside(`const file = '/work/shared/x.json';`)).toHaveLength(1);
		expect(
			referencesOutside(`import { OdooError } from '../../nodes/shared/odoo/errors';`),
		).toEqual([]);
		expect(
			referencesOutside(`import { StateStore } from '../shared/store/stateStore';`),
		).toHaveLength(1);
	});

	test('the recorded Odoo 19 transcripts the double is checked against are in test/fixtures', () => {
		for (const file of ['odoo19-transcripts.json', 'odoo19-transcripts-2.json']) {
			const exchanges = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures', file), 'utf8'));
			expect(Array.isArray(exchanges) && exchanges.length > 0).toBe(true);
		}
	});
});
