import type { INodePropertyOptions } from 'n8n-workflow';

/** The IANA time zones of this Node.js as a list, after the workflow's own time zone (value ''). */
export const timeZoneOptions: INodePropertyOptions[] = [
	{
		name: "Workflow's Time Zone",
		value: '',
		description: 'The time zone set in the workflow settings',
	},
	...Intl.supportedValuesOf('timeZone').map((zone) => ({ name: zone, value: zone })),
];
