import type { INodeProperties } from 'n8n-workflow';

import { labelSubtitle } from '../shared/n8n/descriptions';

import * as closeRequest from './descriptions/closeRequest.operation';
import * as listRequests from './descriptions/listRequests.operation';
import * as reportFailures from './descriptions/reportFailures.operation';
import * as resolveRecovered from './descriptions/resolveRecovered.operation';
import * as retryPending from './descriptions/retryPending.operation';

export const maintenanceRequestProperties: INodeProperties[] = [
	{
		displayName: 'Backend',
		name: 'backend',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Local',
				value: 'local',
				description: 'Requests are kept in the embedded state store of this n8n',
			},
			{
				name: 'Odoo',
				value: 'odoo',
				description: 'Requests are maintenance.request records in Odoo',
			},
		],
		default: 'local',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Close Request',
				value: 'closeRequest',
				action: 'Close a request by its ID',
				description: 'Close one open "[HTTP KO]" request by hand, with a note',
			},
			{
				name: 'List Requests',
				value: 'listRequests',
				action: 'List requests',
				description: 'The "[HTTP KO]" requests: open, closed or all, by equipment, since a date',
			},
			{
				name: 'Report Failures',
				value: 'reportFailures',
				action: 'Report failing services',
				description:
					'One "[HTTP KO]" corrective request per equipment per day listing every failing service',
			},
			{
				name: 'Resolve Recovered',
				value: 'resolveRecovered',
				action: 'Resolve requests of recovered services',
				description: 'Close the open "[HTTP KO]" requests whose services have all recovered',
			},
			{
				name: 'Retry Pending',
				value: 'retryPending',
				action: 'Retry pending reports and notifications',
				description:
					'Report failures kept while Odoo was unreachable and send queued notifications',
			},
		],
		default: 'reportFailures',
	},
	...reportFailures.description,
	...resolveRecovered.description,
	...retryPending.description,
	...listRequests.description,
	...closeRequest.description,
];

export const subtitle = labelSubtitle(maintenanceRequestProperties, ['operation', 'backend']);
