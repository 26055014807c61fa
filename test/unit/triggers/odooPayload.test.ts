import { checkPayload, extractPayload, toEvent } from '../../../nodes/OdooWebhookTrigger/payload';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('extractPayload', () => {
	it('takes the query string for GET, whatever the body', () => {
		expect(extractPayload('GET', { _model: 'sale.order', _id: '7' }, bytes('{"x":1}'))).toEqual({
			ok: true,
			payload: { _model: 'sale.order', _id: '7' },
		});
	});

	it('parses a POST body as JSON whatever the content type, like Odoo', () => {
		expect(
			extractPayload('POST', { ignored: '1' }, bytes('{"model":"sale.order","id":7}')),
		).toEqual({
			ok: true,
			payload: { model: 'sale.order', id: 7 },
		});
	});

	it('falls back to the query string for an empty or blank POST body', () => {
		expect(extractPayload('POST', { id: '3' }, Buffer.alloc(0))).toEqual({
			ok: true,
			payload: { id: '3' },
		});
		expect(extractPayload('POST', { id: '3' }, bytes(' \r\n\t'))).toEqual({
			ok: true,
			payload: { id: '3' },
		});
	});

	it('ignores a UTF-8 byte order mark', () => {
		expect(extractPayload('POST', {}, bytes('\ufeff{"a":1}'))).toEqual({
			ok: true,
			payload: { a: 1 },
		});
	});

	it.each([
		['malformed JSON', '{"model": "sale.order",', /not valid JSON/],
		['a form body', 'model=sale.order&id=7', /not valid JSON/],
		['XML', '<model>sale.order</model>', /not valid JSON/],
		['a JSON array', '[{"id":1}]', /must be a JSON object, not an array/],
		['a JSON string', '"sale.order"', /must be a JSON object, not a string/],
		['JSON null', 'null', /must be a JSON object, not null/],
		['a JSON number', '42', /must be a JSON object, not a number/],
	])('answers 400 for %s', (_label, body, message) => {
		const result = extractPayload('POST', {}, bytes(body));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.reply.status).toBe(400);
		expect(result.reply.body).toEqual({ status: 'error', message: expect.stringMatching(message) });
	});

	it('answers 400 for bytes that are not UTF-8', () => {
		const result = extractPayload('POST', {}, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
		expect(result).toEqual({
			ok: false,
			reply: {
				status: 400,
				body: { status: 'error', message: 'The request body is not valid UTF-8' },
			},
		});
	});

	it('keeps a "__proto__" key as plain data, without touching any prototype', () => {
		const result = extractPayload('POST', {}, bytes('{"__proto__":{"polluted":true},"id":1}'));
		if (!result.ok) throw new Error('refused');
		expect(Object.prototype.hasOwnProperty.call(result.payload, '__proto__')).toBe(true);
		expect(Object.getPrototypeOf(result.payload)).toBe(Object.prototype);
		expect((result.payload as { polluted?: boolean }).polluted).toBeUndefined();
	});
});

describe('toEvent', () => {
	it("reads Odoo's own notification (_model, _id, _action)", () => {
		expect(
			toEvent({
				_action: 'POST to monitoring(#368)',
				_id: 11,
				_model: 'maintenance.request',
				id: 11,
				name: 'x',
			}),
		).toEqual({
			ok: true,
			event: { model: 'maintenance.request', id: 11, action: 'POST to monitoring(#368)' },
		});
	});

	it('reads Studio-style model and id, turning a numeric string into an integer', () => {
		expect(toEvent({ model: 'sale.order', id: '7' })).toEqual({
			ok: true,
			event: { model: 'sale.order', id: 7, action: null },
		});
	});

	it('prefers _model/_id over model/id', () => {
		expect(toEvent({ _model: 'a.b', model: 'c.d', _id: 1, id: 2 })).toMatchObject({
			event: { model: 'a.b', id: 1 },
		});
	});

	it('keeps an id that is not all digits as text', () => {
		expect(toEvent({ id: 'S00007' })).toMatchObject({ event: { id: 'S00007' } });
		expect(toEvent({ id: '-3' })).toMatchObject({ event: { id: '-3' } });
		expect(toEvent({ id: ' 7' })).toMatchObject({ event: { id: ' 7' } });
		expect(toEvent({ id: '1234567890123456' })).toMatchObject({
			event: { id: '1234567890123456' },
		});
	});

	it("treats Odoo's false and empty values as absent", () => {
		expect(toEvent({ model: false, id: false, _action: '' })).toEqual({
			ok: true,
			event: { model: null, id: null, action: null },
		});
	});

	it.each([
		[{ model: 42 }, 'The model must be a string'],
		[{ model: ['sale.order'] }, 'The model must be a string'],
		[{ id: { value: 1 } }, 'The id must be a number or a string'],
		[{ id: [1] }, 'The id must be a number or a string'],
		[{ id: true }, 'The id must be a number or a string'],
		[{ _action: 3 }, 'The action must be a string'],
	])('answers 400 for %j', (payload, message) => {
		expect(toEvent(payload)).toEqual({
			ok: false,
			reply: { status: 400, body: { status: 'error', message } },
		});
	});
});

describe('checkPayload', () => {
	const rules = { requiredFields: ['model', 'id'], allowedModels: [] as string[] };
	const event = (model: string | null, id: number | string | null) => ({ model, id, action: null });

	it('passes when model and id are present, from either spelling', () => {
		expect(
			checkPayload(event('sale.order', 7), { model: 'sale.order', id: 7 }, rules),
		).toBeUndefined();
		expect(
			checkPayload(event('sale.order', 7), { _model: 'sale.order', _id: 7 }, rules),
		).toBeUndefined();
	});

	it('names every missing required field', () => {
		expect(checkPayload(event(null, null), {}, rules)).toEqual({
			status: 400,
			body: { status: 'error', message: 'Missing required fields: model, id' },
		});
	});

	it('treats null, false, blank and absent payload values as missing, but not 0', () => {
		const create = { requiredFields: ['name', 'email', 'phone', 'age'], allowedModels: [] };
		expect(
			checkPayload(event(null, null), { name: '  ', email: false, phone: null, age: 0 }, create),
		).toEqual({
			status: 400,
			body: { status: 'error', message: 'Missing required fields: name, email, phone' },
		});
		expect(
			checkPayload(event(null, null), { name: 'A', email: 'a@b.c', phone: '1', age: 0 }, create),
		).toBeUndefined();
	});

	it('refuses a model outside the allowed ones, or none at all when some are required', () => {
		const only = { requiredFields: [], allowedModels: ['sale.order'] };
		expect(checkPayload(event('res.partner', 1), {}, only)?.body).toEqual({
			status: 'error',
			message: 'Model "res.partner" is not allowed; allowed: sale.order',
		});
		expect(checkPayload(event(null, 1), {}, only)?.status).toBe(400);
		expect(checkPayload(event('sale.order', 1), {}, only)).toBeUndefined();
	});

	it('allows any model when the list is empty', () => {
		expect(checkPayload(event('x.y', 1), {}, rules)).toBeUndefined();
	});
});
