import type { PyValue } from '../python';
import type { Env, ModelDef } from '../schema';
import { boolean, char, COMPANY_ID, datetime, float, many2one, selection } from './fields';

export const productPricelist: ModelDef = {
	name: 'product.pricelist',
	description: 'Pricelist',
	order: 'sequence, id',
	fields: {
		name: char('Pricelist Name', { required: true }),
		active: boolean('Active', { default: () => true }),
		sequence: { type: 'integer', string: 'Sequence', default: () => 16 },
		// Any currency, active or not: creating a pricelist activates nothing (findings §4).
		currency_id: many2one('res.currency', 'Currency', {
			required: true,
			default: (env) => companyCurrency(env),
		}),
	},
	displayName: (env, row) =>
		`${String(row.name)} (${env.db.displayName(env, 'res.currency', Number(row.currency_id))})`,
};

/**
 * Odoo 19's sale.order: `pricelist_id` is computed from the customer (stored, writable) and
 * `currency_id` from the pricelist (stored, readonly, yet writable over RPC). A currency written alone
 * sticks until the next pricelist (or customer) change recomputes it (addons/sale/models/sale_order.py).
 */
export const saleOrder: ModelDef = {
	name: 'sale.order',
	description: 'Sales Order',
	order: 'date_order desc, id desc',
	mailThread: true,
	fields: {
		name: char('Order Reference', {
			required: true,
			default: (env) => {
				const next = env.db.rows('sale.order').length + 1;
				return `S${String(next).padStart(5, '0')}`;
			},
		}),
		partner_id: many2one('res.partner', 'Customer', { required: true }),
		state: selection(
			'Status',
			[
				['draft', 'Quotation'],
				['sent', 'Quotation Sent'],
				['sale', 'Sales Order'],
				['cancel', 'Cancelled'],
			],
			{ default: () => 'draft' },
		),
		date_order: datetime('Order Date', { required: true, default: (env) => env.db.now() }),
		company_id: many2one('res.company', 'Company', { required: true, default: () => COMPANY_ID }),
		// The customer's pricelist property falls back to the first active pricelist; a fresh database has none.
		pricelist_id: many2one('product.pricelist', 'Pricelist', {
			depends: ['partner_id', 'company_id'],
			default: (env) => defaultPricelist(env),
		}),
		currency_id: many2one('res.currency', 'Currency', {
			readonly: true,
			depends: ['pricelist_id', 'company_id'],
			default: (env, row) => currencyOf(env, row.pricelist_id),
		}),
		currency_rate: float('Currency Rate', { default: () => 1.0 }),
		user_id: many2one('res.users', 'Salesperson', { default: (env) => env.uid }),
		amount_total: float('Total'),
	},
	beforeWrite: (env, row, vals) => {
		if ('partner_id' in vals && !('pricelist_id' in vals) && row.state === 'draft') {
			vals.pricelist_id = defaultPricelist(env);
		}
		// Readonly computed fields are not protected during write: the recomputation wins.
		if ('pricelist_id' in vals) vals.currency_id = currencyOf(env, vals.pricelist_id);
	},
};

function companyCurrency(env: Env): PyValue {
	return env.db.row('res.company', COMPANY_ID)?.currency_id ?? false;
}

function defaultPricelist(env: Env): PyValue {
	const [id] = env.db.search(env, 'product.pricelist', [], { limit: 1 });
	return id ?? false;
}

function currencyOf(env: Env, pricelistId: PyValue | undefined): PyValue {
	const currency =
		typeof pricelistId === 'number'
			? env.db.row('product.pricelist', pricelistId)?.currency_id
			: undefined;
	return currency ?? companyCurrency(env);
}
