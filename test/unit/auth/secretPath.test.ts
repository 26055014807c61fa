import crypto from 'node:crypto';

import { InvalidParameterError } from '../../../nodes/shared/errors';
import { constantTimeEquals, generateSecret } from '../../../nodes/shared/auth/secretPath';

describe('generateSecret', () => {
	it('returns 24 random bytes as 32 URL-safe characters by default', () => {
		const secret = generateSecret();
		expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(Buffer.from(secret, 'base64url')).toHaveLength(24);
	});

	it('honours the byte count', () => {
		expect(Buffer.from(generateSecret(16), 'base64url')).toHaveLength(16);
		expect(generateSecret(64)).toMatch(/^[A-Za-z0-9_-]{86}$/);
	});

	it('does not repeat', () => {
		const secrets = new Set(Array.from({ length: 200 }, () => generateSecret()));
		expect(secrets.size).toBe(200);
	});

	it('uses crypto.randomBytes', () => {
		const spy = jest.spyOn(crypto, 'randomBytes');
		try {
			generateSecret(20);
			expect(spy).toHaveBeenCalledWith(20);
		} finally {
			spy.mockRestore();
		}
	});

	it.each([0, 8, 15, 1025, 16.5, Number.NaN])('refuses %p bytes', (bytes) => {
		let caught: unknown;
		try {
			generateSecret(bytes);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(InvalidParameterError);
		expect((caught as InvalidParameterError).parameter).toBe('bytes');
	});
});

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
