import fs from 'node:fs';
import path from 'node:path';

import {
	postgresFromN8nSettings,
	resolveStorePath,
	resolveStoreTarget,
	STORE_FILE_NAME,
} from '../../../nodes/shared/store/storePath';
import { tempDir } from '../../support/bundle';

const N8N_ON_POSTGRES = {
	DB_TYPE: 'postgresdb',
	DB_POSTGRESDB_HOST: 'db.internal',
	DB_POSTGRESDB_PORT: '6543',
	DB_POSTGRESDB_DATABASE: 'n8ndb',
	DB_POSTGRESDB_USER: 'n8nuser',
	DB_POSTGRESDB_PASSWORD: 's3cret',
	DB_POSTGRESDB_SCHEMA: 'n8nschema',
	N8N_USER_FOLDER: '/srv/n8n',
};

describe('resolveStorePath', () => {
	it('prefers the node option, then the environment variable, then the n8n user folder', () => {
		const env = { N8N_ODOO_MAINTENANCE_STORE: '/env/store.sqlite', N8N_USER_FOLDER: '/srv/n8n' };
		expect(resolveStorePath('/opt/state.sqlite', env)).toBe('/opt/state.sqlite');
		expect(resolveStorePath('  ', env)).toBe('/env/store.sqlite');
		expect(resolveStorePath(undefined, { N8N_USER_FOLDER: '/srv/n8n' })).toBe(
			path.join('/srv/n8n', '.n8n', STORE_FILE_NAME),
		);
		expect(resolveStorePath(undefined, {})).toMatch(new RegExp(`\\.n8n/${STORE_FILE_NAME}$`));
	});
});

describe('resolveStoreTarget: which store answers', () => {
	it('takes the node option first, a file or a postgres URL', () => {
		const env = { ...N8N_ON_POSTGRES, N8N_ODOO_MAINTENANCE_STORE: 'postgres://env@h/envdb' };
		expect(resolveStoreTarget('/opt/state.sqlite', env)).toMatchObject({
			kind: 'sqlite',
			path: '/opt/state.sqlite',
			reason: 'State Store option',
		});
		const fromOption = resolveStoreTarget('postgresql://opt:pw@10.1.2.3:5433/optdb', env);
		expect(fromOption).toMatchObject({ kind: 'postgres', reason: 'State Store option' });
		expect(fromOption.kind === 'postgres' && fromOption.postgres.location).toBe(
			'postgresql://opt@10.1.2.3:5433/optdb (schema odoo_maintenance)',
		);
	});

	it('then N8N_ODOO_MAINTENANCE_STORE, before n8n’s own database', () => {
		const env = { ...N8N_ON_POSTGRES, N8N_ODOO_MAINTENANCE_STORE: 'postgres://env:pw@h/envdb?schema=mine' };
		const target = resolveStoreTarget(undefined, env);
		expect(target.kind === 'postgres' && target.postgres.location).toBe(
			'postgresql://env@h:5432/envdb (schema mine)',
		);
		expect(
			resolveStoreTarget('', { ...N8N_ON_POSTGRES, N8N_ODOO_MAINTENANCE_STORE: '/env/s.sqlite' }),
		).toMatchObject({ kind: 'sqlite', path: '/env/s.sqlite' });
	});

	it('then n8n’s own PostgreSQL when DB_TYPE=postgresdb, in the package’s own schema (not n8n’s)', () => {
		const target = resolveStoreTarget(undefined, N8N_ON_POSTGRES);
		expect(target).toMatchObject({ kind: 'postgres', reason: "n8n's own database (DB_TYPE=postgresdb)" });
		if (target.kind !== 'postgres') return;
		expect(target.postgres.connection).toEqual({
			host: 'db.internal',
			port: 6543,
			database: 'n8ndb',
			user: 'n8nuser',
			password: 's3cret',
			ssl: false,
		});
		expect(target.postgres.schema).toBe('odoo_maintenance');
		expect(target.postgres.location).toBe('postgresql://n8nuser@db.internal:6543/n8ndb (schema odoo_maintenance)');
		expect(target.postgres.location).not.toContain('s3cret');
	});

	it('else the SQLite file in the n8n user folder (also when n8n runs on SQLite)', () => {
		for (const env of [{ N8N_USER_FOLDER: '/srv/n8n' }, { DB_TYPE: 'sqlite', N8N_USER_FOLDER: '/srv/n8n' }]) {
			expect(resolveStoreTarget(undefined, env)).toMatchObject({
				kind: 'sqlite',
				path: path.join('/srv/n8n', '.n8n', STORE_FILE_NAME),
			});
		}
	});

	it('refuses a schema name that is not a plain identifier', () => {
		expect(() => resolveStoreTarget('postgres://u@h/db?schema=x;drop', {})).toThrow(/schema/);
	});
});

describe('postgresFromN8nSettings: as n8n’s @n8n/config reads DB_POSTGRESDB_*', () => {
	it('uses n8n’s defaults', () => {
		expect(postgresFromN8nSettings({ DB_TYPE: 'postgresdb' }).connection).toEqual({
			host: 'localhost',
			port: 5432,
			database: 'n8n',
			user: 'postgres',
			password: '',
			ssl: false,
		});
	});

	it('reads the _FILE variants (trimmed) when the variable itself is not set', () => {
		const dir = tempDir();
		const file = (name: string, text: string) => {
			const target = path.join(dir, name);
			fs.writeFileSync(target, text);
			return target;
		};
		const settings = postgresFromN8nSettings({
			DB_POSTGRESDB_PASSWORD_FILE: file('pw', 'from-file\n'),
			DB_POSTGRESDB_USER_FILE: file('user', ' fileuser '),
			DB_POSTGRESDB_HOST: 'h',
			DB_POSTGRESDB_HOST_FILE: file('host', 'ignored'),
			DB_POSTGRESDB_SSL_CA_FILE: file('ca', '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n'),
		});
		expect(settings.connection).toMatchObject({ user: 'fileuser', password: 'from-file', host: 'h' });
		expect(settings.connection.ssl).toEqual({
			ca: '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----',
			cert: undefined,
			key: undefined,
			rejectUnauthorized: true,
		});
	});

	it('builds SSL as n8n does: enabled alone is `true`, any certificate or no-verify gives options', () => {
		expect(postgresFromN8nSettings({ DB_POSTGRESDB_SSL_ENABLED: 'true' }).connection.ssl).toBe(true);
		expect(
			postgresFromN8nSettings({ DB_POSTGRESDB_SSL_REJECT_UNAUTHORIZED: 'false' }).connection.ssl,
		).toEqual({ ca: undefined, cert: undefined, key: undefined, rejectUnauthorized: false });
	});

	it('names a _FILE it cannot read', () => {
		expect(() => postgresFromN8nSettings({ DB_POSTGRESDB_PASSWORD_FILE: '/nonexistent/pw' })).toThrow(
			/DB_POSTGRESDB_PASSWORD_FILE \(\/nonexistent\/pw\)/,
		);
	});
});
