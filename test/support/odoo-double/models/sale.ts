import type { ModelDef } from '../schema';
import { char, COMPANY_ID, datetime, float, many2one, selection } from './fields';

export const productPricelist: ModelDef = {
	name: 'product.pricelist',
	description: 'Pricelist',
	order: 'sequence, id',
	fields: {
		name: char('Pricelist Name', { required: true }),
		sequence: { type: 'integer', string: 'Sequence' },
		currency_id: many2one('res.currency', 'Currency', { required: true }),
	},
};

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
		// Odoo takes the pricelist's currency, else the company's; a fresh database has no pricelist.
		pricelist_id: many2one('product.pricelist', 'Pricelist'),
		currency_id: many2one('res.currency', 'Currency', {
			default: (env) => env.db.row('res.company', COMPANY_ID)?.currency_id ?? false,
		}),
		user_id: many2one('res.users', 'Salesperson', { default: (env) => env.uid }),
		amount_total: float('Total'),
	},
};
