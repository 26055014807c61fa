import type { PyValue } from '../python';
import type { Env, Row } from '../schema';
import { escapeText } from '../values';
import { SUBTYPE_ACTIVITIES, SUBTYPE_NOTE } from './mail';

/**
 * maintenance.request's to-dos as Odoo 19 keeps them (addons/maintenance/models/maintenance.py:
 * activity_update, activity_feedback), with the chatter messages recorded in
 * test/fixtures/odoo19-transcripts-2.json.
 */
export const ACTIVITY_TYPE_MAINTENANCE = 7;
const REQUEST = 'maintenance.request';

export function requestActivities(env: Env, requestId: number, activeOnly = true): Row[] {
	const includeArchived = !activeOnly || env.context.active_test === false;
	return env.db
		.rows('mail.activity')
		.filter(
			(row) =>
				row.res_model === REQUEST &&
				row.res_id === requestId &&
				(includeArchived || row.active !== false),
		)
		.sort((a, b) => String(a.date_deadline).localeCompare(String(b.date_deadline)) || a.id - b.id);
}

function maintenanceActivities(env: Env, request: Row): Row[] {
	return requestActivities(env, request.id).filter(
		(row) => row.active !== false && row.activity_type_id === ACTIVITY_TYPE_MAINTENANCE,
	);
}

/** The first open to-do's value of `field`, as the activity_* fields of mail.activity.mixin read. */
export function firstActivityValue(env: Env, request: Row, field: string): PyValue {
	const [first] = requestActivities(env, request.id).filter((row) => row.active !== false);
	if (!first) return false;
	if (field === 'state')
		return env.db.fieldValue(env, env.db.requireModel('mail.activity'), first, 'state');
	return first[field] ?? false;
}

/** activity_update(): reschedules the open to-do, or plans one when schedule_date is set. */
export function activityUpdate(env: Env, request: Row): void {
	const open = maintenanceActivities(env, request);
	if (!request.schedule_date) {
		for (const activity of open) env.db.unlink(env, 'mail.activity', [activity.id]);
		return;
	}
	const deadline = String(request.schedule_date).slice(0, 10);
	const userId = Number(request.user_id || request.owner_user_id || env.uid);
	if (open.length) {
		env.db.write(env, 'mail.activity', [open[0].id], { date_deadline: deadline, user_id: userId });
		return;
	}
	const equipment = typeof request.equipment_id === 'number' ? request.equipment_id : undefined;
	const link = equipment
		? `<a href="#" data-oe-model="maintenance.equipment" data-oe-id="${equipment}">${escapeText(
				env.db.displayName(env, 'maintenance.equipment', equipment),
			)}</a>`
		: '';
	env.db.create(env, 'mail.activity', {
		res_model: REQUEST,
		res_id: request.id,
		activity_type_id: ACTIVITY_TYPE_MAINTENANCE,
		summary: 'Maintenance Request',
		note: `<p>Request planned for ${link}</p>`,
		date_deadline: deadline,
		automated: true,
		user_id: userId,
	});
	if (userId !== env.uid) postActivityAssigned(env, request, userId, deadline);
}

/** activity_feedback(): marks the open to-do done (archived) with a "done" note in the chatter. */
export function activityFeedback(env: Env, request: Row): void {
	for (const activity of maintenanceActivities(env, request)) {
		const assignee = Number(activity.user_id);
		const originally =
			assignee !== env.uid
				? `\n         (originally assigned to <span>${userName(env, assignee)}</span>)`
				: '';
		env.db.create(env, 'mail.message', {
			model: REQUEST,
			res_id: request.id,
			message_type: 'notification',
			subtype_id: SUBTYPE_ACTIVITIES,
			mail_activity_type_id: ACTIVITY_TYPE_MAINTENANCE,
			body:
				'<div>\n    <p>\n        <span class="fa fa-wrench fa-fw"></span><span>Maintenance Request</span> done' +
				`${originally}\n        <span>: </span><span>Maintenance Request</span>\n    </p>\n    \n` +
				'        <div class="o_mail_note_title fw-bold">Original note:</div>\n' +
				`        <div>${String(activity.note || '')}</div>\n</div>`,
		});
		env.db.write(env, 'mail.activity', [activity.id], {
			active: false,
			date_done: env.db.today(env),
		});
	}
}

/** "You have been assigned to …", sent to a technician other than the caller. */
export function postAssigned(env: Env, request: Row): void {
	const userId = Number(request.user_id);
	env.db.create(env, 'mail.message', {
		model: REQUEST,
		res_id: request.id,
		message_type: 'user_notification',
		subtype_id: SUBTYPE_NOTE,
		body:
			`<span><span>Dear ${userName(env, userId)},</span>\n    <br><br>\n` +
			`    <span style="margin-top:8px">You have been assigned to the Maintenance Request ${escapeText(String(request.name))}.</span>\n` +
			'    <br></span>',
	});
}

function postActivityAssigned(env: Env, request: Row, userId: number, deadline: string): void {
	const [year, month, day] = deadline.split('-');
	env.db.create(env, 'mail.message', {
		model: REQUEST,
		res_id: request.id,
		message_type: 'user_notification',
		subtype_id: SUBTYPE_NOTE,
		body:
			'<div style="margin:0px; padding:0px; font-size:13px">\n' +
			`    Dear <span>${userName(env, userId)}</span>,\n    <br><br>\n    <p>\n` +
			`        <span>${userName(env, env.uid)}</span> has just assigned you the following activity:\n` +
			'        </p><ul>\n' +
			`            <li>Document: "${escapeText(String(request.name))}"\n                 (Maintenance Request)\n            </li>\n` +
			'            <li>Summary: <span>Maintenance Request</span></li>\n' +
			`            <li>Deadline: <span>${month}/${day}/${year}</span></li>\n` +
			'        </ul>\n    \n</div>',
	});
}

function userName(env: Env, uid: number): string {
	return escapeText(env.db.displayName(env, 'res.users', uid));
}
