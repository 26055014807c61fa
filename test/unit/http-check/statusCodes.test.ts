import { InvalidParameterError } from '../../../nodes/shared/errors';
import { parseStatusCodes } from '../../../nodes/shared/http-check';

describe('parseStatusCodes', () => {
	it('accepts a single code and nothing else', () => {
		const matcher = parseStatusCodes('200');
		expect(matcher.matches(200)).toBe(true);
		expect(matcher.matches(201)).toBe(false);
		expect(matcher.matches(-1)).toBe(false);
		expect(matcher.description).toBe('200');
	});

	it('accepts ranges and lists, inclusive at both ends', () => {
		const matcher = parseStatusCodes('200-299,301');
		for (const code of [200, 250, 299, 301]) expect(matcher.matches(code)).toBe(true);
		for (const code of [199, 300, 302, 404]) expect(matcher.matches(code)).toBe(false);
		expect(matcher.description).toBe('200-299, 301');
	});

	it('ignores spaces around entries and around the range dash', () => {
		const matcher = parseStatusCodes(' 200 , 204 ,300 - 302');
		expect([200, 204, 300, 301, 302].every((code) => matcher.matches(code))).toBe(true);
		expect(matcher.matches(203)).toBe(false);
		expect(matcher.description).toBe('200, 204, 300-302');
	});

	it('accepts the whole valid span 100-599', () => {
		const matcher = parseStatusCodes('100-599');
		expect(matcher.matches(100)).toBe(true);
		expect(matcher.matches(599)).toBe(true);
		expect(matcher.matches(600)).toBe(false);
		expect(matcher.matches(200.5)).toBe(false);
	});

	it.each([
		['abc', /Invalid entry "abc"/],
		['300-200', /Invalid range "300-200".*start must not be greater/],
		['99', /Invalid entry "99"/],
		['600', /Invalid status code "600".*between 100 and 599/],
		['', /non-empty list/],
		['   ', /non-empty list/],
		['200,,201', /Invalid entry ""/],
		['200-', /Invalid entry "200-"/],
		['2OO', /Invalid entry "2OO"/],
	])('rejects %j with a clear message', (input, message) => {
		let caught: unknown;
		try {
			parseStatusCodes(input);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(InvalidParameterError);
		expect((caught as InvalidParameterError).parameter).toBe('acceptedStatusCodes');
		expect((caught as Error).message).toMatch(message);
	});

	it('rejects a non-string value', () => {
		expect(() => parseStatusCodes(200)).toThrow(InvalidParameterError);
	});
});
