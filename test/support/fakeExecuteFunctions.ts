/**
 * A small, honest stand-in for n8n's IExecuteFunctions, for running a node's `execute` (or its actions)
 * without n8n. It implements only what our nodes call; any other member throws, so a test never passes
 * by accident on a method the fake does not really provide.
 *
 * Parameters are resolved as n8n does for our nodes: the value set on the node, else the default of the
 * node description (the first property of that name). Values that are n8n expressions (`={{ ... }}`)
 * are evaluated per item from a fixed table of the expressions our descriptions use; an unknown
 * expression throws instead of being guessed.
 */
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type IPairedItemData,
	type Logger,
	type NodeExecutionHint,
} from 'n8n-workflow';

import { fetchHttpRequest } from './fetchSend';

type Expression = (json: IDataObject, now: Date) => unknown;

const check = (json: IDataObject) => json.check as IDataObject | undefined;

/** The expressions of our node descriptions, evaluated as n8n would for one item. */
export const EXPRESSIONS: Record<string, Expression> = {
	'={{ $json.equipment }}': (json) => json.equipment,
	'={{ $json.name }}': (json) => json.name,
	'={{ $json.url }}': (json) => json.url,
	'={{ $json.check ? $json.check.url : $json.url }}': (json) =>
		check(json) ? check(json)?.url : json.url,
	'={{ $json.check ? $json.check.statusCode : -1 }}': (json) =>
		check(json) ? check(json)?.statusCode : -1,
	'={{ $json.check && $json.check.error ? $json.check.error.code + ": " + $json.check.error.message : "" }}':
		(json) => {
			const error = check(json)?.error as IDataObject | null | undefined;
			return check(json) && error ? `${String(error.code)}: ${String(error.message)}` : '';
		},
	'={{ $json.check ? $json.check.checkedAt : $now.toUTC().toISO() }}': (json, now) =>
		check(json) ? check(json)?.checkedAt : now.toISOString(),
};

export interface FakeExecuteOptions {
	/** The `json` of each input item. */
	items: IDataObject[];
	/** The whole input items (binary data included), when more than their `json` matters. */
	inputItems?: INodeExecutionData[];
	/** Where the execution hints the node adds are collected (a fresh array when not given). */
	hints?: NodeExecutionHint[];
	/** Node parameters as set in the editor; a function gives a per-item value. */
	parameters: Record<string, unknown | ((itemIndex: number, json: IDataObject) => unknown)>;
	/** The node description's properties, for defaults. */
	properties: INodeProperties[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
	/** The workflow's time zone (`$workflow` setting or GENERIC_TIMEZONE). */
	timezone?: string;
	/** `$now`, for expressions. */
	now?: Date;
	nodeName?: string;
	nodeType?: string;
	/** The node's version (default 1). */
	typeVersion?: number;
}

export interface FakeExecuteFunctions extends IExecuteFunctions {
	/** Credential types requested, in order. */
	readonly credentialRequests: string[];
	/** Execution hints the node added (shown in n8n's output pane). */
	readonly hints: NodeExecutionHint[];
	/** Messages the node logged, by level. */
	readonly logged: Array<{ level: string; message: string }>;
}

/** A logger for fakes: accepts every level, keeps nothing. */
export const silentLogger = recordingLogger([]);

export function recordingLogger(into: Array<{ level: string; message: string }>): Logger {
	const log = (level: string) => (message: string) => void into.push({ level, message });
	return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}

function evaluate(value: unknown, json: IDataObject, now: Date): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const expression = EXPRESSIONS[value.trim()];
	if (!expression) throw new Error(`fakeExecuteFunctions: unsupported expression ${value}`);
	return expression(json, now);
}

function resolve(
	options: FakeExecuteOptions,
	name: string,
	itemIndex: number,
): { found: boolean; value: unknown } {
	const [head, ...rest] = name.split('.');
	const item = options.items[itemIndex] ?? {};
	let value: unknown;
	let found = false;
	if (head in options.parameters) {
		const set = options.parameters[head];
		value =
			typeof set === 'function'
				? (set as (i: number, j: IDataObject) => unknown)(itemIndex, item)
				: set;
		found = true;
	} else {
		const property = options.properties.find((candidate) => candidate.name === head);
		if (property) {
			value = property.default;
			found = true;
		}
	}
	for (const key of rest) {
		value = value && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
		found = value !== undefined;
	}
	return { found, value: evaluate(value, item, options.now ?? new Date()) };
}

/** A parameter as stored, expressions unevaluated; a per-item function stands for an expression. */
function rawParameter(options: FakeExecuteOptions, name: string): unknown {
	const [head, ...rest] = name.split('.');
	let value =
		head in options.parameters
			? options.parameters[head]
			: options.properties.find((candidate) => candidate.name === head)?.default;
	if (typeof value === 'function') return '={{ a per-item value }}';
	for (const key of rest) {
		value = value && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	}
	return value;
}

export function fakeExecuteFunctions(options: FakeExecuteOptions): FakeExecuteFunctions {
	const node: INode = {
		id: 'fake-node',
		name: options.nodeName ?? 'Maintenance Request',
		type: options.nodeType ?? 'n8n-nodes-odoo-maintenance.maintenanceRequest',
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: {},
	};
	const credentialRequests: string[] = [];
	const hints: NodeExecutionHint[] = options.hints ?? [];
	const logged: Array<{ level: string; message: string }> = [];
	const implemented = {
		credentialRequests,
		hints,
		logged,
		logger: recordingLogger(logged),
		addExecutionHints: (...added: NodeExecutionHint[]) => void hints.push(...added),
		getInputData: (): INodeExecutionData[] =>
			options.inputItems ?? options.items.map((json) => ({ json })),
		getNode: () => node,
		continueOnFail: () => options.continueOnFail === true,
		getTimezone: () => options.timezone ?? 'America/New_York',
		getNodeParameter(
			name: string,
			itemIndex: number,
			fallback?: unknown,
			getOptions?: { rawExpressions?: boolean },
		) {
			if (itemIndex >= options.items.length && itemIndex !== 0) {
				throw new Error(`fakeExecuteFunctions: no item ${itemIndex}`);
			}
			if (getOptions?.rawExpressions) return rawParameter(options, name) ?? fallback;
			const { found, value } = resolve(options, name, itemIndex);
			if (found && value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			throw new NodeOperationError(node, `Could not get parameter "${name}"`, { itemIndex });
		},
		async getCredentials(type: string) {
			credentialRequests.push(type);
			const data = options.credentials?.[type];
			if (!data)
				throw new NodeOperationError(node, `Node does not have any credentials set for "${type}"`);
			return data;
		},
		helpers: {
			httpRequest: fetchHttpRequest,
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			// As n8n-core does: the pairing goes before the item's own keys.
			constructExecutionMetaData: (
				items: INodeExecutionData[],
				{ itemData }: { itemData: IPairedItemData | IPairedItemData[] },
			) => items.map(({ json, ...rest }) => ({ json, pairedItem: itemData, ...rest })),
		},
	};
	return new Proxy(implemented, {
		get(target, property) {
			if (property in target) return target[property as keyof typeof target];
			if (typeof property === 'symbol' || property === 'then') return undefined;
			throw new Error(`fakeExecuteFunctions: ${String(property)} is not implemented`);
		},
	}) as unknown as FakeExecuteFunctions;
}
