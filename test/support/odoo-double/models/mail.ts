import type { Env, ModelDef } from '../schema';
import { char, datetime, html, integer, many2many, many2one, selection } from './fields';

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
	},
};

export const SUBTYPE_NOTE = 2;
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
