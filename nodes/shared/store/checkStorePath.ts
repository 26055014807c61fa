import fs from 'node:fs';
import path from 'node:path';

/** Kernel and device file systems: never a place for a database, and `/proc` can hang a mkdir. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];
/** statfs magic numbers of pseudo file systems (linux/magic.h), for the same places reached otherwise. */
const PSEUDO_FS_TYPES = new Set([
	0x9fa0, // proc
	0x62656572, // sysfs
	0x1cd1, // devpts
	0x27e0eb, // cgroup
	0x63677270, // cgroup2
	0x64626720, // debugfs
	0x74726163, // tracefs
	0x73636673, // securityfs
	0xcafe4a11, // bpf
	0x6165676c, // pstore
	0xde5e81e4, // efivarfs
	0x62656570, // configfs
	0x65735543, // fusectl
	0x42494e4d, // binfmt_misc
]);

/**
 * Why `storePath` (absolute) cannot hold the state store, or undefined when it can: the file must be
 * a regular file, or be creatable in regular directories, outside pseudo file systems. Checked with
 * stat calls only, before anything is created: Node's recursive mkdir never returns under /proc
 * (it spins on n8n's main thread), so a bad path must be refused before one is attempted.
 */
export function storePathProblem(storePath: string): string | undefined {
	const pseudo = (candidate: string) =>
		PSEUDO_ROOTS.find((root) => candidate === root || candidate.startsWith(`${root}/`));
	const lexical = pseudo(storePath);
	if (lexical) return `it is under ${lexical}, a system pseudo file system`;

	const existing = statOrNull(storePath);
	if (existing && !existing.isFile()) return 'it exists and is not a regular file';
	let folder = path.dirname(storePath);
	let stats = statOrNull(folder);
	while (!stats) {
		const parent = path.dirname(folder);
		if (parent === folder) return 'none of its folders exists';
		folder = parent;
		stats = statOrNull(folder);
	}
	if (!stats.isDirectory()) return `${folder} is not a folder`;
	// Symbolic links may lead into a pseudo file system under another name.
	const real = fs.realpathSync(folder);
	const linked = pseudo(real);
	if (linked) return `${folder} leads to ${linked}, a system pseudo file system`;
	if (PSEUDO_FS_TYPES.has(Number(fs.statfsSync(real).type))) {
		return `${folder} is on a system pseudo file system`;
	}
	return undefined;
}

export function statOrNull(target: string): fs.Stats | null {
	try {
		return fs.statSync(target);
	} catch {
		return null;
	}
}
