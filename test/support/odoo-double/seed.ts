import { Database } from './database';
import { baseAutomation, irActionsServer, triggerAutomations } from './models/automation';
import {
	irConfigParameter,
	irLogging,
	irModel,
	irModelData,
	irModelFields,
	irModuleModule,
	resCompany,
	resCountry,
	resCurrency,
	resPartner,
	resUsers,
} from './models/base';
import { mailActivity, mailActivityType, mailMessage, mailMessageSubtype } from './models/mail';
import {
	maintenanceEquipment,
	maintenanceEquipmentCategory,
	maintenanceRequest,
	maintenanceStage,
	maintenanceTeam,
} from './models/maintenance';
import { productPricelist, saleOrder } from './models/sale';
import { service, serviceInstance, serviceVersion } from './models/service';
import type { ModelDef, Row } from './schema';

/** The seeded database.secret, for tests that check it never leaks. */
export const DATABASE_SECRET = '6f2b9c1e-84d7-4a55-b0e3-9d1c7a5e2f40';

export interface SeedOptions {
	db: string;
	/** The server's major version (message_post's arguments changed in 17). */
	serverMajor: number;
	clock: () => Date;
	baseUrl: string;
	admin: { password: string; apiKey: string };
	tech: { password: string; apiKey: string };
}

export const ADMIN_UID = 2;
export const TECH_UID = 5;

const MODELS: ModelDef[] = [
	resPartner,
	resUsers,
	resCompany,
	resCountry,
	resCurrency,
	irConfigParameter,
	irModel,
	irModelFields,
	irModelData,
	irModuleModule,
	irLogging,
	mailMessage,
	mailMessageSubtype,
	mailActivityType,
	mailActivity,
	maintenanceStage,
	maintenanceTeam,
	maintenanceEquipmentCategory,
	maintenanceEquipment,
	maintenanceRequest,
	productPricelist,
	saleOrder,
	baseAutomation,
	irActionsServer,
	service,
	serviceVersion,
	serviceInstance,
];

/** ir.model ids of a fresh Odoo 19 database (maintenance.request's is in the transcripts). */
const MODEL_IDS: Record<string, number> = {
	'res.partner': 78,
	'res.users': 94,
	'res.company': 87,
	'res.country': 83,
	'res.currency': 85,
	'ir.config_parameter': 20,
	'ir.model': 1,
	'ir.model.fields': 3,
	'ir.model.data': 10,
	'ir.module.module': 38,
	'ir.logging': 28,
	'mail.message': 142,
	'mail.message.subtype': 145,
	'mail.activity.type': 152,
	'mail.activity': 151,
	'maintenance.stage': 396,
	'maintenance.team': 401,
	'maintenance.equipment.category': 397,
	'maintenance.equipment': 398,
	'maintenance.request': 400,
	'product.pricelist': 320,
	'sale.order': 440,
	'base.automation': 230,
	'ir.actions.server': 23,
	service: 518,
	'service.version': 519,
	'service.instance': 520,
};

/** ir.model.fields ids of maintenance.request; the transcripts show those of the webhook fields. */
const REQUEST_FIELD_IDS: Record<string, number> = {
	name: 3448,
	company_id: 3449,
	description: 3450,
	request_date: 3451,
	owner_user_id: 3452,
	category_id: 3453,
	equipment_id: 3454,
	user_id: 3455,
	stage_id: 3456,
	priority: 3457,
	color: 3458,
	close_date: 3459,
	kanban_state: 3460,
	archive: 3461,
	maintenance_type: 3462,
	schedule_date: 3463,
	schedule_end: 3464,
	maintenance_team_id: 3465,
	duration: 3466,
	done: 3467,
	display_name: 3468,
	create_date: 3469,
	write_date: 3470,
	create_uid: 3471,
	write_uid: 3472,
};

/** A database as a fresh Odoo 19 (no demo data; maintenance, base_automation, sale_management) has it. */
export function freshDatabase(options: SeedOptions): Database {
	const db = new Database(options.db, MODELS, options.clock, options.serverMajor);
	seedBase(db, options);
	seedMaintenance(db);
	seedMail(db);
	seedMetadata(db);
	db.accounts.set(1, {
		uid: 1,
		login: '__system__',
		password: '',
		apiKeys: [],
		groups: ['system', 'user'],
	});
	db.accounts.set(ADMIN_UID, {
		uid: ADMIN_UID,
		login: 'admin',
		password: options.admin.password,
		apiKeys: [options.admin.apiKey],
		groups: ['system', 'user', 'equipment_manager'],
	});
	db.accounts.set(TECH_UID, {
		uid: TECH_UID,
		login: 'tech',
		password: options.tech.password,
		apiKeys: [options.tech.apiKey],
		groups: ['user', 'equipment_manager'],
	});
	db.onRecordEvent(triggerAutomations);
	return db;
}

function seed(db: Database, model: string, rows: Array<Record<string, unknown>>): void {
	for (const row of rows) db.insert(model, row as Row);
}

function seedBase(db: Database, options: SeedOptions): void {
	seed(db, 'res.country', [{ id: 233, name: 'United States', code: 'US' }]);
	seed(db, 'res.currency', [
		{ id: 1, name: 'USD', symbol: '$', active: true },
		{ id: 125, name: 'EUR', symbol: '€', active: false },
	]);
	const partners: Array<[number, string, boolean]> = [
		[1, 'My Company', true],
		[2, 'OdooBot', false],
		[3, 'Administrator', true],
		[4, 'Public user', false],
		[5, 'Default User Template', false],
		[6, 'Maintenance Technician', true],
	];
	seed(
		db,
		'res.partner',
		partners.map(([id, name, active]) => ({
			id,
			name,
			active,
			is_company: id === 1,
			company_id: 1,
		})),
	);
	seed(db, 'res.company', [
		{ id: 1, name: 'My Company', sequence: 0, partner_id: 1, currency_id: 1, country_id: 233 },
	]);
	const users: Array<[number, string, string, number, boolean]> = [
		[1, 'OdooBot', '__system__', 2, false],
		[ADMIN_UID, 'Administrator', 'admin', 3, true],
		[3, 'Public user', 'public', 4, false],
		[4, 'Default User Template', 'default', 5, false],
		[TECH_UID, 'Maintenance Technician', 'tech', 6, true],
	];
	seed(
		db,
		'res.users',
		users.map(([id, name, login, partner, active]) => ({
			id,
			name,
			login,
			partner_id: partner,
			active,
			tz: false,
			company_id: 1,
		})),
	);
	seed(db, 'ir.config_parameter', [
		{ id: 1, key: 'web.base.url', value: options.baseUrl },
		// Every Odoo database has these; database.secret signs sessions and tokens.
		{ id: 2, key: 'database.secret', value: DATABASE_SECRET },
		{ id: 3, key: 'database.uuid', value: '0b6f1c2e-5a3d-11f0-9c1a-0242ac120002' },
	]);
	seed(db, 'ir.module.module', [
		{ id: 1, name: 'base', shortdesc: 'Base', state: 'installed', application: false, sequence: 1 },
		{
			id: 36,
			name: 'base_automation',
			shortdesc: 'Automation Rules',
			state: 'installed',
			application: false,
			sequence: 10,
		},
		{
			id: 70,
			name: 'contacts',
			shortdesc: 'Contacts',
			state: 'uninstalled',
			application: true,
			sequence: 150,
		},
		{
			id: 337,
			name: 'maintenance',
			shortdesc: 'Maintenance',
			state: 'installed',
			application: true,
			sequence: 125,
		},
		{
			id: 467,
			name: 'sale',
			shortdesc: 'Sales',
			state: 'installed',
			application: false,
			sequence: 15,
		},
		{
			id: 476,
			name: 'sale_management',
			shortdesc: 'Sales',
			state: 'installed',
			application: true,
			sequence: 5,
		},
	]);
	db.setNextId('res.currency', 170);
	db.setNextId('ir.config_parameter', 40);
}

function seedMaintenance(db: Database): void {
	seed(db, 'maintenance.stage', [
		{ id: 1, name: 'New Request', sequence: 1, fold: false, done: false },
		{ id: 2, name: 'In Progress', sequence: 2, fold: false, done: false },
		{ id: 3, name: 'Repaired', sequence: 3, fold: true, done: true },
		{ id: 4, name: 'Scrap', sequence: 4, fold: true, done: true },
	]);
	seed(db, 'maintenance.team', [
		{ id: 1, name: 'Internal Maintenance', active: true, company_id: 1, member_ids: [] },
	]);
}

function seedMail(db: Database): void {
	seed(db, 'mail.activity.type', [
		{ id: 7, name: 'Maintenance Request', sequence: 10, res_model: 'maintenance.request' },
	]);
	seed(db, 'mail.message.subtype', [
		{ id: 1, name: 'Discussions', sequence: 0, internal: false },
		{ id: 2, name: 'Note', sequence: 100, internal: true },
		{ id: 3, name: 'Activities', sequence: 90, internal: true },
		{ id: 4, name: 'Request Created', sequence: 1, internal: false },
		{ id: 5, name: 'Status Changed', sequence: 1, internal: false },
	]);
	// Installing the apps already posted 82 messages (welcome messages, channels...).
	db.setNextId('mail.message', 83);
}

function seedMetadata(db: Database): void {
	const xmlids: Array<[number, string, string, string, number]> = [
		[1, 'base', 'main_company', 'res.company', 1],
		[2, 'base', 'main_partner', 'res.partner', 1],
		[3361, 'base', 'partner_root', 'res.partner', 2],
		[3362, 'base', 'partner_admin', 'res.partner', 3],
		[3363, 'base', 'user_root', 'res.users', 1],
		[3364, 'base', 'user_admin', 'res.users', ADMIN_UID],
		[120, 'base', 'USD', 'res.currency', 1],
		[121, 'base', 'EUR', 'res.currency', 125],
		[300, 'base', 'us', 'res.country', 233],
		[11523, 'mail', 'mt_comment', 'mail.message.subtype', 1],
		[11524, 'mail', 'mt_note', 'mail.message.subtype', 2],
		[11525, 'mail', 'mt_activities', 'mail.message.subtype', 3],
		[13001, 'maintenance', 'mt_req_created', 'mail.message.subtype', 4],
		[13002, 'maintenance', 'mt_req_status', 'mail.message.subtype', 5],
		[13003, 'maintenance', 'stage_0', 'maintenance.stage', 1],
		[13004, 'maintenance', 'stage_1', 'maintenance.stage', 2],
		[13005, 'maintenance', 'stage_3', 'maintenance.stage', 3],
		[13006, 'maintenance', 'stage_4', 'maintenance.stage', 4],
		[13007, 'maintenance', 'equipment_team_maintenance', 'maintenance.team', 1],
		[13008, 'maintenance', 'mail_act_maintenance_request', 'mail.activity.type', 7],
	];
	seed(
		db,
		'ir.model.data',
		xmlids.map(([id, module, name, model, resId]) => ({ id, module, name, model, res_id: resId })),
	);
	db.setNextId('ir.model.data', 20000);

	let nextFieldId = 10_000;
	for (const modelName of db.modelNames()) {
		const model = db.requireModel(modelName);
		const modelId = MODEL_IDS[modelName];
		db.insert('ir.model', {
			id: modelId,
			name: model.description,
			model: modelName,
			state: 'base',
		});
		for (const [name, field] of Object.entries(model.fields)) {
			const id = modelName === 'maintenance.request' ? REQUEST_FIELD_IDS[name] : nextFieldId++;
			db.insert('ir.model.fields', {
				id: id ?? nextFieldId++,
				name,
				model: modelName,
				model_id: modelId,
				field_description: field.string,
				ttype: field.type,
				relation: field.relation ?? false,
				required: Boolean(field.required),
				readonly: Boolean(field.readonly),
			});
		}
	}
	db.setNextId('ir.model', 600);
	db.setNextId('ir.model.fields', 20_000);
	db.setNextId('ir.actions.server', 366);
}
