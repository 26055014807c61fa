import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import {
	inputModeProperties,
	notificationFields,
	notificationOptions,
	optionsCollection,
	serviceFields,
	storeOption,
} from './common';

const properties: INodeProperties[] = [
	...inputModeProperties,
	...serviceFields,
	...notificationFields('each closed request'),
	optionsCollection([...notificationOptions, storeOption]),
];

export const description = updateDisplayOptions(
	{ show: { operation: ['resolveRecovered'] } },
	properties,
);
