import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { basicAuthHeader } from '../auth/basicAuth';
import { credentialTestSend, SendError, type SendResponse } from './send';

/**
 * Credential test of the Basic Auth credential. With a test URL it logs in there (401/403 = wrong
 * credentials); without one the credential protects an n8n trigger, so only its shape can be checked.
 */
export async function testBasicAuthCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const user = String(data.user ?? '');
	const password = String(data.password ?? '');
	const testUrl = String(data.testUrl ?? '').trim();
	if (!user) return { status: 'Error', message: 'The user is empty' };
	if (user.includes(':')) {
		return {
			status: 'Error',
			message: 'The user must not contain ":" (Basic Auth cannot encode it)',
		};
	}
	if (!password) return { status: 'Error', message: 'The password is empty' };
	if (!testUrl)
		return { status: 'OK', message: 'User and password are set (no test URL to log in to)' };

	let response: SendResponse;
	try {
		response = await credentialTestSend(this.helpers)({
			method: 'GET',
			url: testUrl,
			headers: { authorization: basicAuthHeader(user, password) },
			timeoutMs: 10_000,
		});
	} catch (error) {
		const failure = SendError.from(error);
		return {
			status: 'Error',
			message: `Cannot reach ${testUrl}: ${failure.code ?? failure.message}`,
		};
	}
	if (response.status === 401 || response.status === 403) {
		return {
			status: 'Error',
			message: `${testUrl} refused these credentials (HTTP ${response.status})`,
		};
	}
	return { status: 'OK', message: `${testUrl} accepted the credentials (HTTP ${response.status})` };
}
