import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { authConfigProblem, headerAuthFromCredential } from '../trigger/auth';

/** Credential test of the Header Auth credential: it protects a trigger, so only its shape is checked. */
export async function testHeaderAuthCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = authConfigProblem(headerAuthFromCredential(credential.data ?? {}));
	return problem
		? { status: 'Error', message: problem }
		: { status: 'OK', message: 'Header name and token are usable' };
}
