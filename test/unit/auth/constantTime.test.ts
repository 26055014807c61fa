import crypto from 'node:crypto';

import { constantTimeEquals } from '../../../nodes/shared/auth/constantTime';

describe('constantTimeEquals', () => {
	it('is true only for identical strings', () => {
		expect(constantTimeEquals('abc', 'abc')).toBe(true);
		expect(constantTimeEquals('', '')).toBe(true);
		expect(constantTimeEquals('abc', 'abd')).toBe(false);
		expect(constantTimeEquals('abc', 'ABC')).toBe(false);
	});

	it('handles different lengths without throwing', () => {
		expect(constantTimeEquals('abc', 'abcd')).toBe(false);
		expect(constantTimeEquals('', 'a')).toBe(false);
		expect(constantTimeEquals('a'.repeat(10_000), 'a')).toBe(false);
	});

	it('compares unicode as UTF-8', () => {
		expect(constantTimeEquals('pässwörd', 'pässwörd')).toBe(true);
		expect(constantTimeEquals('é', 'e\u0301')).toBe(false);
	});

	it('hashes both sides so timingSafeEqual always gets equal-length buffers', () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		try {
			constantTimeEquals('short', 'a much longer string');
			expect(spy).toHaveBeenCalledTimes(1);
			const [a, b] = spy.mock.calls[0] as [Buffer, Buffer];
			expect(a).toHaveLength(32);
			expect(b).toHaveLength(32);
		} finally {
			spy.mockRestore();
		}
	});

	it('is false for non-strings', () => {
		expect(constantTimeEquals(undefined, undefined)).toBe(false);
		expect(constantTimeEquals(null, '')).toBe(false);
		expect(constantTimeEquals(1, '1')).toBe(false);
	});
});
