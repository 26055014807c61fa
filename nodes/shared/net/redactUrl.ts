// `scheme://user:password@host/…`: the user-info part is a secret and is never shown or stored.
const URL_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;
const URLS_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;

/** The URL without its user-info part (`http://user:pass@host/x` -> `http://host/x`). */
export function redactUrl(url: string): string {
	return url.replace(URL_USERINFO, '$1');
}

/** Every URL in a text (an error message, a description) without its user-info part. */
export function redactUrlsInText(text: string): string {
	return text.replace(URLS_USERINFO, '$1');
}
