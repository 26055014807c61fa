import type { PyValue } from '../python';
import type { Env, ModelDef, Row } from '../schema';
import {
	boolean,
	char,
	COMPANY_ID,
	computed,
	date,
	datetime,
	float,
	html,
	integer,
	many2many,
	many2one,
	one2many,
	selection,
} from './fields';
import {
	activityFeedback,
	activityUpdate,
	firstActivityValue,
	postAssigned,
	requestActivities,
} from './activities';
import { postNotification, SUBTYPE_REQUEST_CREATED, SUBTYPE_STATUS_CHANGED } from './mail';

export const maintenanceStage: ModelDef = {
	name: 'maintenance.stage',
	description: 'Maintenance Stage',
	order: 'sequence, id',
	fields: {
		name: char('Name', { required: true }),
		sequence: integer('Sequence', { default: () => 20 }),
		fold: boolean('Folded in Maintenance Pipe'),
		done: boolean('Request Done'),
	},
};

export const maintenanceTeam: ModelDef = {
	name: 'maintenance.team',
	description: 'Maintenance Teams',
	order: 'id',
	fields: {
		name: char('Team Name', { required: true }),
		active: boolean('Active', { default: () => true }),
		company_id: many2one('res.company', 'Company', { default: () => COMPANY_ID }),
		member_ids: many2many('res.users', 'Team Members'),
	},
};

export const maintenanceEquipmentCategory: ModelDef = {
	name: 'maintenance.equipment.category',
	description: 'Maintenance Equipment Category',
	order: 'name',
	fields: {
		name: char('Category Name', { required: true }),
		technician_user_id: many2one('res.users', 'Responsible'),
	},
};

export const maintenanceEquipment: ModelDef = {
	name: 'maintenance.equipment',
	description: 'Maintenance Equipment',
	order: 'id',
	mailThread: true,
	fields: {
		name: char('Equipment Name', { required: true }),
		serial_no: char('Serial Number'),
		category_id: many2one('maintenance.equipment.category', 'Equipment Category'),
		maintenance_team_id: many2one('maintenance.team', 'Maintenance Team'),
		technician_user_id: many2one('res.users', 'Technician'),
		owner_user_id: many2one('res.users', 'Owner', { default: (env) => env.uid }),
		location: char('Location'),
		note: html('Note'),
		active: boolean('Active', { default: () => true }),
		company_id: many2one('res.company', 'Company', { default: () => COMPANY_ID }),
		maintenance_open_count: computed(integer('Current Maintenance'), (env, row) =>
			openRequestCount(env, row.id),
		),
		// Added by maintenance_server_data.
		server_ip: char('Server IP'),
		service_ids: one2many('service.instance', 'equipment_id', 'Services'),
	},
	displayName: (_env, row) =>
		row.serial_no ? `${String(row.name)}/${String(row.serial_no)}` : String(row.name),
};

export const maintenanceRequest: ModelDef = {
	name: 'maintenance.request',
	description: 'Maintenance Request',
	order: 'id desc',
	mailThread: true,
	// Field order as Odoo declares them (fields_get answers in this order).
	fields: {
		name: char('Subjects', { required: true }),
		company_id: many2one('res.company', 'Company', { required: true, default: () => COMPANY_ID }),
		description: html('Description'),
		request_date: date('Request Date', { default: (env) => env.db.today(env) }),
		owner_user_id: many2one('res.users', 'Created by User', { default: (env) => env.uid }),
		category_id: computed(many2one('maintenance.equipment.category', 'Category'), (env, row) =>
			relatedValue(env, 'maintenance.equipment', row.equipment_id, 'category_id'),
		),
		equipment_id: many2one('maintenance.equipment', 'Equipment'),
		user_id: many2one('res.users', 'Technician', {
			default: (env, vals) =>
				relatedValue(env, 'maintenance.equipment', vals.equipment_id, 'technician_user_id'),
		}),
		stage_id: many2one('maintenance.stage', 'Stage', { default: (env) => firstStage(env) }),
		priority: selection('Priority', [
			['0', 'Very Low'],
			['1', 'Low'],
			['2', 'Normal'],
			['3', 'High'],
		]),
		color: integer('Color Index'),
		close_date: date('Close Date'),
		kanban_state: selection(
			'Kanban State',
			[
				['normal', 'In Progress'],
				['blocked', 'Blocked'],
				['done', 'Ready for next stage'],
			],
			{ required: true, default: () => 'normal' },
		),
		archive: boolean('Archive'),
		maintenance_type: selection(
			'Maintenance Type',
			[
				['corrective', 'Corrective'],
				['preventive', 'Preventive'],
			],
			{ default: () => 'corrective' },
		),
		schedule_date: datetime('Scheduled Date'),
		schedule_end: datetime('Scheduled End'),
		maintenance_team_id: many2one('maintenance.team', 'Team', {
			required: true,
			default: (env, vals) =>
				relatedValue(env, 'maintenance.equipment', vals.equipment_id, 'maintenance_team_id') ||
				firstTeam(env),
		}),
		duration: computed(float('Duration'), (_env, row) => duration(row)),
		done: computed(boolean('Done'), (env, row) =>
			Boolean(relatedValue(env, 'maintenance.stage', row.stage_id, 'done')),
		),
		recurring_maintenance: boolean('Recurrent'),
		// mail.activity.mixin: the open to-dos, and the first one's values.
		activity_ids: computed(many2many('mail.activity', 'Activities'), (env, row) =>
			requestActivities(env, row.id).map((activity) => activity.id),
		),
		activity_state: computed(
			selection('Activity State', [
				['overdue', 'Overdue'],
				['today', 'Today'],
				['planned', 'Planned'],
			]),
			(env, row) => firstActivityValue(env, row, 'state'),
		),
		activity_user_id: computed(many2one('res.users', 'Responsible User'), (env, row) =>
			firstActivityValue(env, row, 'user_id'),
		),
		activity_type_id: computed(many2one('mail.activity.type', 'Next Activity Type'), (env, row) =>
			firstActivityValue(env, row, 'activity_type_id'),
		),
		activity_summary: computed(char('Next Activity Summary'), (env, row) =>
			firstActivityValue(env, row, 'summary'),
		),
		activity_date_deadline: computed(date('Next Activity Deadline'), (env, row) =>
			firstActivityValue(env, row, 'date_deadline'),
		),
	},
	beforeCreate: (env, row) => {
		if (row.schedule_date && !row.schedule_end) row.schedule_end = plusOneHour(row.schedule_date);
		if (isDoneStage(env, row.stage_id)) row.close_date = env.db.today(env);
	},
	beforeWrite: (env, row, vals) => {
		if ('schedule_date' in vals && !('schedule_end' in vals)) {
			vals.schedule_end = vals.schedule_date ? plusOneHour(vals.schedule_date) : false;
		}
		if ('equipment_id' in vals && !('user_id' in vals)) {
			vals.user_id = relatedValue(
				env,
				'maintenance.equipment',
				vals.equipment_id,
				'technician_user_id',
			);
		}
		if ('stage_id' in vals && vals.stage_id !== row.stage_id) {
			if (!('kanban_state' in vals)) vals.kanban_state = 'normal';
			vals.close_date = isDoneStage(env, vals.stage_id) ? env.db.today(env) : false;
		}
	},
	afterCreate: (env, row) => {
		if (typeof row.user_id === 'number' && row.user_id !== env.uid) postAssigned(env, row);
		postNotification(
			env,
			'maintenance.request',
			row.id,
			'<div summary="o_mail_notification"><p>Maintenance Request created</p></div>',
			SUBTYPE_REQUEST_CREATED,
		);
		activityUpdate(env, row);
	},
	afterWrite: (env, before, after) => {
		const stageChanged = before.stage_id !== after.stage_id;
		if (stageChanged && isDoneStage(env, after.stage_id)) activityFeedback(env, after);
		// A done request with a schedule_date gets a new planned to-do (findings §2).
		if (
			stageChanged ||
			(after.user_id && after.user_id !== before.user_id) ||
			(after.schedule_date && after.schedule_date !== before.schedule_date)
		) {
			activityUpdate(env, after);
		}
		if (stageChanged) {
			postNotification(env, 'maintenance.request', after.id, '', SUBTYPE_STATUS_CHANGED);
		}
	},
};

function relatedValue(env: Env, model: string, id: PyValue | undefined, field: string): PyValue {
	if (typeof id !== 'number') return false;
	return env.db.row(model, id)?.[field] ?? false;
}

function isDoneStage(env: Env, stageId: PyValue | undefined): boolean {
	return relatedValue(env, 'maintenance.stage', stageId, 'done') === true;
}

function firstStage(env: Env): PyValue {
	return firstId(env, 'maintenance.stage');
}

function firstTeam(env: Env): PyValue {
	return firstId(env, 'maintenance.team');
}

function firstId(env: Env, model: string): PyValue {
	const [id] = env.db.search(env, model, [], { limit: 1 });
	return id ?? false;
}

function openRequestCount(env: Env, equipmentId: number): number {
	return env.db
		.rows('maintenance.request')
		.filter(
			(row) => row.equipment_id === equipmentId && !row.archive && !isDoneStage(env, row.stage_id),
		).length;
}

function plusOneHour(value: PyValue): PyValue {
	const start = Date.parse(`${String(value).replace(' ', 'T')}Z`);
	return new Date(start + 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function duration(row: Row): number {
	if (!row.schedule_date || !row.schedule_end) return 0;
	const start = Date.parse(`${String(row.schedule_date).replace(' ', 'T')}Z`);
	const end = Date.parse(`${String(row.schedule_end).replace(' ', 'T')}Z`);
	return Math.round(((end - start) / 3_600_000) * 100) / 100;
}
