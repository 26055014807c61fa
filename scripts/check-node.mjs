// First step of `npm test`: the tests run on the `node` npm puts first on PATH, which must be Node 24.
import { NODE_MAJOR, node24OrExit } from './lib/node.mjs';
import { PROJECT_ROOT } from './lib/paths.mjs';

if (Number(process.versions.node.split('.')[0]) < NODE_MAJOR) {
	const bin = node24OrExit(PROJECT_ROOT);
	console.error(
		`\nThis is Node ${process.versions.node} (${process.execPath}); the project's Node ${NODE_MAJOR} is ${bin}. ` +
			'Run the tests with `npm test`, which puts it first on PATH.\n',
	);
	process.exit(1);
}
