import type { Env, ModelDef, Row } from '../schema';
import { htmlPreview } from '../values';
import {
	boolean,
	char,
	computed,
	date,
	datetime,
	html,
	integer,
	many2many,
	many2one,
	selection,
} from './fields';

export const mailMessageSubtype: ModelDef = {
	name: 'mail.message.subtype',
	description: 'Message subtypes',
	order: 'sequence, id',
	fields: {
		name: char('Message Type', { required: true }),
		sequence: integer('Sequence', { default: () => 1 }),
		internal: { type: 'boolean', string: 'Internal Only' },
	},
};

export const mailMessage: ModelDef = {
	name: 'mail.message',
	description: 'Message',
	order: 'id desc',
	fields: {
		subject: char('Subject'),
		date: datetime('Date', { default: (env) => env.db.now() }),
		body: html('Contents', { default: () => '' }),
		model: char('Related Document Model'),
		res_id: integer('Related Document ID'),
		message_type: selection(
			'Type',
			[
				['email', 'Incoming Email'],
				['comment', 'Comment'],
				['email_outgoing', 'Outgoing Email'],
				['notification', 'System notification'],
				['auto_comment', 'Automated Targeted Notification'],
				['user_notification', 'User Specific Notification'],
			],
			{ required: true, default: () => 'comment' },
		),
		subtype_id: many2one('mail.message.subtype', 'Subtype'),
		author_id: many2one('res.partner', 'Author', { default: (env) => env.db.userPartner(env.uid) }),
		partner_ids: many2many('res.partner', 'Recipients'),
		mail_activity_type_id: many2one('mail.activity.type', 'Mail Activity Type'),
		preview: computed(char('Preview'), (_env, row) => htmlPreview(String(row.body || ''))),
	},
};

export const SUBTYPE_NOTE = 2;
export const SUBTYPE_ACTIVITIES = 3;
export const SUBTYPE_REQUEST_CREATED = 4;
export const SUBTYPE_STATUS_CHANGED = 5;

/** A chatter notification as Odoo's mail.thread posts it (creation, tracked stage change). */
export function postNotification(
	env: Env,
	model: string,
	resId: number,
	body: string,
	subtypeId: number,
): number {
	return env.db.create(env, 'mail.message', {
		model,
		res_id: resId,
		body,
		message_type: 'notification',
		subtype_id: subtypeId,
	});
}

export const mailActivityType: ModelDef = {
	name: 'mail.activity.type',
	description: 'Activity Type',
	order: 'sequence, id',
	fields: {
		name: char('Name', { required: true }),
		sequence: integer('Sequence', { default: () => 10 }),
		res_model: char('Model'),
	},
};

/** The to-dos of a record (mail.activity.mixin); done ones are archived, not deleted. */
export const mailActivity: ModelDef = {
	name: 'mail.activity',
	description: 'Activity',
	order: 'date_deadline ASC, id ASC',
	fields: {
		res_model: char('Related Document Model', { required: true }),
		res_id: integer('Related Document ID', { required: true }),
		activity_type_id: many2one('mail.activity.type', 'Activity Type'),
		summary: char('Summary'),
		note: html('Note'),
		date_deadline: date('Due Date', { required: true }),
		date_done: date('Done Date'),
		automated: boolean('Automated activity'),
		user_id: many2one('res.users', 'Assigned to', { default: (env) => env.uid }),
		active: boolean('Active', { default: () => true }),
		state: computed(
			selection('State', [
				['overdue', 'Overdue'],
				['today', 'Today'],
				['planned', 'Planned'],
				['done', 'Done'],
			]),
			(env, row) => activityState(env, row),
		),
	},
};

function activityState(env: Env, row: Row): string {
	if (!row.active) return 'done';
	const today = env.db.today(env);
	const deadline = String(row.date_deadline);
	return deadline > today ? 'planned' : deadline === today ? 'today' : 'overdue';
}
