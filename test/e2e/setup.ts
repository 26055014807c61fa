// Every request of the e2e tests opens its own connection. n8n closes an idle keep-alive connection after 5 s and
// fetch stops reusing one after 4 s, a margin a loaded machine can miss (its timers fire late): the request then goes
// to a socket n8n has closed and fails with "other side closed" before n8n saw it.
const pooledFetch = globalThis.fetch;

globalThis.fetch = (input: string | URL | Request, init: RequestInit = {}) => {
	const headers = new Headers(input instanceof Request ? input.headers : undefined);
	new Headers(init.headers).forEach((value, name) => headers.set(name, value));
	headers.set('connection', 'close');
	return pooledFetch(input, { ...init, headers });
};
