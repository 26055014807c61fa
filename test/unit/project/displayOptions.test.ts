/**
 * No node shows a parameter twice: for every version and every combination of the values that display options
 * depend on, the properties n8n displays (top level and inside each collection) have distinct names.
 */
import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { HttpServiceCheck } from '../../../nodes/HttpServiceCheck/HttpServiceCheck.node';
import { IpChangeTrigger } from '../../../nodes/IpChangeTrigger/IpChangeTrigger.node';
import { MaintenanceMode } from '../../../nodes/MaintenanceMode/MaintenanceMode.node';
import { MaintenanceRequest } from '../../../nodes/MaintenanceRequest/MaintenanceRequest.node';
import { OdooWebhookTrigger } from '../../../nodes/OdooWebhookTrigger/OdooWebhookTrigger.node';

const NODES: INodeType[] = [
	new HttpServiceCheck(),
	new MaintenanceMode(),
	new MaintenanceRequest(),
	new OdooWebhookTrigger(),
	new IpChangeTrigger(),
];

function versionsOf(description: INodeTypeDescription): number[] {
	return Array.isArray(description.version) ? description.version : [description.version];
}

/** The names (top level, and `/`-prefixed inside collections) that some display option depends on. */
function conditionNames(properties: INodeProperties[]): Set<string> {
	const names = new Set<string>();
	const visit = (list: INodeProperties[]) => {
		for (const property of list) {
			for (const kind of ['show', 'hide'] as const) {
				for (const name of Object.keys(property.displayOptions?.[kind] ?? {})) {
					if (!name.startsWith('@')) names.add(name.replace(/^\//, ''));
				}
			}
			if (property.type === 'collection') visit((property.options ?? []) as INodeProperties[]);
		}
	};
	visit(properties);
	return names;
}

/** The values a user can give a parameter that display options depend on. */
function choicesOf(property: INodeProperties): unknown[] {
	if (property.type === 'boolean') return [false, true];
	if (property.type === 'options')
		return (property.options ?? []).map((option) => (option as { value: unknown }).value);
	return [property.default];
}

/** Every combination of the top-level values display options depend on. */
function combinations(properties: INodeProperties[]): INodeParameters[] {
	const names = conditionNames(properties);
	let result: INodeParameters[] = [{}];
	const seen = new Set<string>();
	for (const property of properties) {
		if (!names.has(property.name) || seen.has(property.name)) continue;
		seen.add(property.name);
		const choices = new Set(properties.filter((p) => p.name === property.name).flatMap(choicesOf));
		result = result.flatMap((values) =>
			[...choices].map((choice) => ({ ...values, [property.name]: choice as never })),
		);
	}
	return result;
}

/** Every combination of the collection-option values display options depend on. */
function collectionCombinations(collection: INodeProperties): INodeParameters[] {
	const options = (collection.options ?? []) as INodeProperties[];
	return combinations(options);
}

function duplicates(names: string[]): string[] {
	return names.filter((name, index) => names.indexOf(name) !== index);
}

const cases = NODES.flatMap((node) =>
	versionsOf(node.description).map(
		(version) => [node.description.displayName, version, node] as const,
	),
);

describe('display options', () => {
	it.each(cases)('%s v%s shows each parameter at most once', (_name, version, node) => {
		const description = node.description;
		const nodeRef = { typeVersion: version };
		const problems: string[] = [];
		for (const chosen of combinations(description.properties)) {
			const values =
				NodeHelpers.getNodeParameters(
					description.properties,
					chosen,
					true,
					false,
					nodeRef,
					description,
				) ?? {};
			const root = { ...values, ...chosen };
			const shown = description.properties.filter((property) =>
				NodeHelpers.displayParameter(root, property, nodeRef, description, root),
			);
			for (const name of duplicates(shown.map((property) => property.name))) {
				problems.push(`${name} twice with ${JSON.stringify(chosen)}`);
			}
			for (const collection of shown.filter((property) => property.type === 'collection')) {
				for (const inner of collectionCombinations(collection)) {
					const options = (collection.options ?? []) as INodeProperties[];
					const visible = options.filter((option) =>
						NodeHelpers.displayParameter(inner, option, nodeRef, description, root),
					);
					for (const name of duplicates(visible.map((option) => option.name))) {
						problems.push(
							`${collection.name}.${name} twice with ${JSON.stringify({ ...chosen, ...inner })}`,
						);
					}
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('finds a parameter shown twice (control)', () => {
		const twice: INodeProperties[] = [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'A', value: 'a' },
					{ name: 'B', value: 'b' },
				],
				default: 'a',
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				displayOptions: { show: { mode: ['a'] } },
			},
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		];
		const description = { ...new HttpServiceCheck().description, properties: twice };
		const root = { mode: 'a' };
		const shown = twice.filter((property) =>
			NodeHelpers.displayParameter(root, property, { typeVersion: 1 }, description, root),
		);
		expect(duplicates(shown.map((property) => property.name))).toEqual(['url']);
		expect(combinations(twice)).toEqual([{ mode: 'a' }, { mode: 'b' }]);
	});
});
