// Where the project keeps things outside the work tree, and the pinned runtime versions.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { node24OrExit } from './node.mjs';

export const N8N_VERSION = '2.41.1';
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-odoo-maintenance';

export const CACHE_DIR =
	process.env.N8N_ODOO_MAINTENANCE_CACHE ||
	path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), PACKAGE_NAME);

export const N8N_INSTALL_DIR = path.join(CACHE_DIR, `n8n-${N8N_VERSION}`);
export const N8N_BIN = path.join(N8N_INSTALL_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
export const N8N_MODULES = path.join(N8N_INSTALL_DIR, 'node_modules');

/** The Node 24 binary that runs n8n and the tools it needs (see node.mjs). */
export const NODE_BIN = node24OrExit(PROJECT_ROOT);
/** Headers of that Node, for native rebuilds against its ABI. */
export const NODE_DIR = path.resolve(path.dirname(NODE_BIN), '..');
