/**
 * Tests that hold on a busy 2-core machine: jest's own 5 s default never applies, and no test or hook that waits on
 * n8n, the Odoo double, a browser or child processes sets a timeout shorter than a loaded machine needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const DEFAULT_FLOOR_MS = 120_000;
const EXPLICIT_FLOOR_MS = 60_000;
const CALLS = new Set(['beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'test', 'it']);

/** Every jest hook or test call in a file with its explicit timeout in ms (undefined when it sets none). */
function timeoutsIn(file: string): Array<{ where: string; timeout: number | undefined }> {
	const source = ts.createSourceFile(
		file,
		fs.readFileSync(file, 'utf8'),
		ts.ScriptTarget.Latest,
		true,
	);
	const constants = new Map<string, number>();
	const found: Array<{ where: string; timeout: number | undefined }> = [];
	const valueOf = (node: ts.Expression): number =>
		ts.isNumericLiteral(node)
			? Number(node.text)
			: ts.isIdentifier(node)
				? (constants.get(node.text) ?? NaN)
				: NaN;
	const visit = (node: ts.Node): void => {
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
			if (ts.isNumericLiteral(node.initializer))
				constants.set(node.name.text, Number(node.initializer.text));
		}
		if (ts.isCallExpression(node)) {
			let callee: ts.Expression = node.expression;
			while (ts.isCallExpression(callee)) callee = callee.expression; // test.each(table)(name, fn, timeout)
			const base = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
			const fn = node.arguments.findIndex(
				(arg) => ts.isArrowFunction(arg) || ts.isFunctionExpression(arg),
			);
			if (ts.isIdentifier(base) && CALLS.has(base.text) && fn >= 0) {
				const timeout = node.arguments[fn + 1];
				const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
				found.push({
					where: `${path.relative(ROOT, file)}:${line}`,
					timeout: timeout ? valueOf(timeout) : undefined,
				});
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

const testFiles = (dir: string): string[] =>
	fs
		.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.ts'))
		.map((file) => path.join(ROOT, dir, file));

describe('timeouts for a busy machine', () => {
	test('jest gives every test and hook without its own timeout a generous default', () => {
		const config = jest.requireActual<{ testTimeout?: number }>(path.join(ROOT, 'jest.config.js'));
		expect(config.testTimeout).toBeGreaterThanOrEqual(DEFAULT_FLOOR_MS);
	});

	test.each(['test/e2e', 'test/integration', 'test/unit'])(
		'no explicit timeout under %s is shorter than 60 s',
		(dir) => {
			const short = testFiles(dir)
				.flatMap(timeoutsIn)
				.filter(({ timeout }) => timeout !== undefined && !(timeout >= EXPLICIT_FLOOR_MS));
			expect(short).toEqual([]);
		},
	);

	test('the scan reads hook, test and test.each timeouts, also through constants', () => {
		const file = path.join(ROOT, 'test-artifacts', 'timeouts-sample.ts');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(
			file,
			[
				'const TIMEOUT = 45_000;',
				'beforeAll(async () => {}, 5000);',
				"it('a', async () => {}, TIMEOUT);",
				"test.each([1])('b %s', async () => {});",
				"describe('c', () => { afterAll(() => {}, 90_000); });",
			].join('\n'),
		);
		try {
			expect(timeoutsIn(file).map(({ timeout }) => timeout)).toEqual([
				5000,
				45_000,
				undefined,
				90_000,
			]);
		} finally {
			fs.rmSync(file);
		}
	});
});
