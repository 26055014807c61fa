/**
 * A user-supplied parameter (node field, check option, Odoo system parameter, configuration entry)
 * has a value that cannot be used. `parameter` is the name shown to the user so the node can point
 * at the field; `detail` says what is wrong with it, without the parameter's name.
 */
export class InvalidParameterError extends Error {
	readonly parameter: string;
	readonly detail: string;

	constructor(
		parameter: string,
		detail: string,
		message = `Invalid parameter "${parameter}": ${detail}`,
	) {
		super(message);
		this.name = 'InvalidParameterError';
		this.parameter = parameter;
		this.detail = detail;
	}
}
