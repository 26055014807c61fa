/** Thrown for a bad check option; `parameter` names the option so a UI can point at the field. */
export class InvalidOptionError extends Error {
	readonly parameter: string;

	constructor(message: string, parameter: string) {
		super(message);
		this.name = 'InvalidOptionError';
		this.parameter = parameter;
	}
}
