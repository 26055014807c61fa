/**
 * The layout the README's development section describes: each node's folder owns its behaviour, and
 * `nodes/shared/` holds only what several nodes use, so it never reaches into a node folder and no node
 * reaches into a sibling's.
 */
import fs from 'node:fs';
import path from 'node:path';

const NODES = path.resolve(__dirname, '../../../nodes');

function sourcesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourcesUnder(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** The absolute path (without extension) of every relative import of a file. */
function importedModules(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	return [...text.matchAll(/from\s+'(\.[^']*)'/g)].map((match) =>
		path.resolve(path.dirname(file), match[1]),
	);
}

/** The top folder under nodes/ (a node's, or 'shared') of every relative import of a file. */
function importedFolders(file: string): string[] {
	return importedModules(file).map((target) => path.relative(NODES, target).split(path.sep)[0]);
}

function folderOf(file: string): string {
	return path.relative(NODES, file).split(path.sep)[0];
}

describe('nodes/ layout', () => {
	const files = sourcesUnder(NODES);

	it('finds the sources of every node and of shared/', () => {
		expect(new Set(files.map(folderOf))).toEqual(
			new Set([
				'HttpServiceCheck',
				'IpChangeTrigger',
				'MaintenanceMode',
				'MaintenanceRequest',
				'OdooWebhookTrigger',
				'ServiceStatus',
				'shared',
			]),
		);
	});

	it('a module imports only from its own folder or from shared/', () => {
		const offenders = files.flatMap((file) =>
			importedFolders(file)
				.filter((folder) => folder !== folderOf(file) && folder !== 'shared')
				.map((folder) => `${path.relative(NODES, file)} imports from ${folder}/`),
		);
		expect(offenders).toEqual([]);
	});

	it('a table module of the store serves several nodes (one that serves one node lives in that node)', () => {
		const store = path.join(NODES, 'shared/store');
		const users = new Map<string, Set<string>>();
		for (const file of files.filter((candidate) => folderOf(candidate) !== 'shared')) {
			for (const target of importedModules(file).filter(
				(module) => path.dirname(module) === store,
			)) {
				users.set(target, (users.get(target) ?? new Set()).add(folderOf(file)));
			}
		}
		const stateStore = path.join(store, 'stateStore');
		const singleUse = [...users]
			.filter(([module, nodes]) => module !== stateStore && nodes.size < 2)
			.map(([module, nodes]) => `${path.relative(NODES, module)} serves only ${[...nodes]}`);
		expect(users.get(stateStore)?.size).toBeGreaterThan(1);
		expect(singleUse).toEqual([]);
	});
});
