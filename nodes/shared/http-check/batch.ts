/** The per-host key: the host name, so services on different ports of one machine share a cap. */
export function hostOfUrl(url: unknown): string {
	if (typeof url !== 'string') return '';
	try {
		return new URL(url.trim()).hostname;
	} catch {
		return '';
	}
}
