import type { ModelDef } from '../schema';
import {
	boolean,
	char,
	COMPANY_ID,
	computed,
	html,
	integer,
	many2one,
	selection,
	text,
} from './fields';

export const resPartner: ModelDef = {
	name: 'res.partner',
	description: 'Contact',
	order: 'name, id desc',
	mailThread: true,
	fields: {
		name: char('Name'),
		email: char('Email'),
		phone: char('Phone'),
		is_company: boolean('Is a Company'),
		active: boolean('Active', { default: () => true }),
		parent_id: many2one('res.partner', 'Related Company'),
		company_id: many2one('res.company', 'Company'),
		street: char('Street'),
		city: char('City'),
		zip: char('Zip'),
		country_id: many2one('res.country', 'Country'),
		comment: html('Notes'),
	},
};

export const resUsers: ModelDef = {
	name: 'res.users',
	description: 'User',
	order: 'name, login',
	fields: {
		name: char('Name'),
		login: char('Login', { required: true }),
		partner_id: many2one('res.partner', 'Related Partner', { required: true }),
		active: boolean('Active', { default: () => true }),
		tz: char('Timezone'),
		company_id: many2one('res.company', 'Company', { default: () => COMPANY_ID }),
	},
};

export const resCompany: ModelDef = {
	name: 'res.company',
	description: 'Companies',
	order: 'sequence, name',
	fields: {
		name: char('Company Name', { required: true }),
		sequence: integer('Sequence', { default: () => 10 }),
		partner_id: many2one('res.partner', 'Partner'),
		currency_id: many2one('res.currency', 'Currency', { required: true }),
		country_id: many2one('res.country', 'Country'),
	},
};

export const resCountry: ModelDef = {
	name: 'res.country',
	description: 'Country',
	order: 'name, id',
	fields: { name: char('Country Name', { required: true }), code: char('Country Code') },
};

export const resCurrency: ModelDef = {
	name: 'res.currency',
	description: 'Currency',
	order: 'active desc, name',
	fields: {
		name: char('Currency', { required: true }),
		symbol: char('Symbol', { required: true }),
		active: boolean('Active', { default: () => true }),
	},
};

export const irConfigParameter: ModelDef = {
	name: 'ir.config_parameter',
	description: 'System Parameter',
	order: 'key',
	groups: ['system'],
	fields: { key: char('Key', { required: true }), value: text('Value', { required: true }) },
	displayName: (_env, row) => String(row.key),
};

export const irModel: ModelDef = {
	name: 'ir.model',
	description: 'Models',
	order: 'model',
	fields: {
		name: char('Model Description', { required: true }),
		model: char('Model', { required: true }),
		state: selection(
			'Type',
			[
				['manual', 'Custom Object'],
				['base', 'Base Object'],
			],
			{ default: () => 'base' },
		),
	},
};

export const irModelFields: ModelDef = {
	name: 'ir.model.fields',
	description: 'Fields',
	order: 'name',
	fields: {
		name: char('Field Name', { required: true }),
		model: char('Model Name', { required: true }),
		model_id: many2one('ir.model', 'Model', { required: true }),
		field_description: char('Field Label', { required: true }),
		ttype: char('Field Type', { required: true }),
		relation: char('Related Model'),
		required: boolean('Required'),
		readonly: boolean('Readonly'),
	},
	displayName: (env, row) => {
		const model = env.db.model(String(row.model));
		return `${String(row.field_description)} (${model?.description ?? String(row.model)})`;
	},
};

export const irModelData: ModelDef = {
	name: 'ir.model.data',
	description: 'Model Data',
	order: 'module, model, name',
	fields: {
		module: char('Module', { required: true }),
		name: char('External Identifier', { required: true }),
		model: char('Model Name', { required: true }),
		res_id: integer('Record ID'),
		complete_name: computed(
			char('Complete ID'),
			(_env, row) => `${String(row.module)}.${String(row.name)}`,
		),
	},
	displayName: (_env, row) => `${String(row.module)}.${String(row.name)}`,
};

export const irModuleModule: ModelDef = {
	name: 'ir.module.module',
	description: 'Module',
	order: 'application desc, sequence, name',
	fields: {
		name: char('Technical Name', { required: true }),
		shortdesc: char('Module Name'),
		state: selection('Status', [
			['uninstallable', 'Uninstallable'],
			['uninstalled', 'Not Installed'],
			['installed', 'Installed'],
			['to upgrade', 'To be upgraded'],
			['to remove', 'To be removed'],
			['to install', 'To be installed'],
		]),
		application: boolean('Application'),
		sequence: integer('Sequence'),
	},
};

export const irLogging: ModelDef = {
	name: 'ir.logging',
	description: 'Logging',
	order: 'id DESC',
	groups: ['system'],
	fields: {
		name: char('Name', { required: true }),
		type: selection(
			'Type',
			[
				['client', 'Client'],
				['server', 'Server'],
			],
			{ required: true },
		),
		level: char('Level'),
		path: char('Path', { required: true }),
		func: char('Function', { required: true }),
		line: char('Line', { required: true }),
		message: text('Message', { required: true }),
		dbname: char('Database Name'),
	},
};
