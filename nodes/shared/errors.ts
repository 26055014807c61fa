/**
 * A user-supplied parameter (node field, Odoo system parameter, configuration entry) has a value
 * that cannot be used. `parameter` is the name shown to the user so the node can point at the field.
 */
export class InvalidParameterError extends Error {
	readonly parameter: string;

	constructor(parameter: string, detail: string) {
		super(`Invalid parameter "${parameter}": ${detail}`);
		this.name = 'InvalidParameterError';
		this.parameter = parameter;
	}
}
