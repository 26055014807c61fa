import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { itemParameter } from '../../../nodes/shared/n8n/itemParameter';

/** A node context whose expression evaluations (getNodeParameter without rawExpressions) are counted. */
function context(parameters: Record<string, unknown>, items: IDataObject[]) {
	const evaluated: string[] = [];
	const evaluate = (value: unknown, json: IDataObject): unknown => {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		if (value === '={{ $json.url }}') return json.url;
		if (value === '={{ $json.upgrade !== false }}') return json.upgrade !== false;
		throw new Error(`unexpected expression ${value}`);
	};
	const fake = {
		getInputData: () => items.map((json) => ({ json })),
		getNodeParameter(
			name: string,
			itemIndex: number,
			fallback: unknown,
			options?: { rawExpressions?: boolean },
		) {
			const raw = name in parameters ? parameters[name] : fallback;
			if (options?.rawExpressions) return raw;
			evaluated.push(`${name}[${itemIndex}]`);
			return evaluate(raw, items[itemIndex]);
		},
	};
	return { context: fake as unknown as IExecuteFunctions, evaluated };
}

const items = Array.from({ length: 100 }, (_, index) => ({
	url: `http://127.0.0.1:8080/${index}`,
	upgrade: index % 2 === 0,
}));

describe('itemParameter', () => {
	it('reads ={{ $json.field }} from each item without evaluating an expression per item', () => {
		const { context: ctx, evaluated } = context({ url: '={{ $json.url }}' }, items);
		const url = itemParameter(ctx, 'url', '');
		expect(items.map((_, index) => url(index))).toEqual(items.map((item) => item.url));
		expect(evaluated).toEqual([]);
	});

	it('gives a missing field as the engine does (undefined) and leaves objects to the engine', () => {
		const odd = [{ name: 'no url' }, { url: { nested: true } }] as IDataObject[];
		const { context: ctx, evaluated } = context({ url: '={{ $json.url }}' }, odd);
		const url = itemParameter(ctx, 'url', '');
		expect(url(0)).toBeUndefined();
		expect(url(1)).toEqual({ nested: true });
		expect(evaluated).toEqual(['url[1]']);
	});

	it('reads a parameter without expressions once per run', () => {
		const options = { retry: { values: { retries: 0 } }, timeout: 5000 };
		const { context: ctx, evaluated } = context({ options }, items);
		const read = itemParameter(ctx, 'options', {});
		for (let index = 0; index < items.length; index++) expect(read(index)).toEqual(options);
		expect(evaluated).toEqual(['options[0]']);
	});

	it('evaluates any other expression for every item', () => {
		const { context: ctx, evaluated } = context(
			{ upgrade: '={{ $json.upgrade !== false }}' },
			items,
		);
		const upgrade = itemParameter(ctx, 'upgrade', true);
		expect(items.map((_, index) => upgrade(index))).toEqual(items.map((item) => item.upgrade));
		expect(evaluated).toHaveLength(items.length);
	});

	it('evaluates a collection holding an expression for every item', () => {
		const { context: ctx, evaluated } = context(
			{ options: { healthPath: '={{ $json.url }}' } },
			items,
		);
		const read = itemParameter(ctx, 'options', {});
		read(0);
		read(1);
		expect(evaluated).toEqual(['options[0]', 'options[1]']);
	});
});
