import {
	deliverOutbox,
	leaseFor,
	type DeliveryOptions,
} from '../../../nodes/MaintenanceRequest/notify/deliverOutbox';
import {
	idempotencyHeader,
	postNotification,
} from '../../../nodes/MaintenanceRequest/notify/webhookDelivery';
import { NotificationOutbox } from '../../../nodes/MaintenanceRequest/store/outbox';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import { BACKENDS, openTestStore } from '../../support/stores';
import { startReceiver, type Receiver } from './receiver';

const T0 = '2026-11-23T10:00:00.000Z';
const at = (iso: string) => () => new Date(iso);
const payload = (id: number) => JSON.stringify({ id, name: `[HTTP KO] srv-${id}` });

let receiver: Receiver;
let pauses: number[];

function options(overrides: Partial<DeliveryOptions> = {}): DeliveryOptions {
	return {
		attemptsPerRun: 3,
		retryDelayMs: 10,
		timeoutMs: 2000,
		maxAgeMs: 24 * 3_600_000,
		now: at(T0),
		sleep: async (ms) => {
			pauses.push(ms);
		},
		...overrides,
	};
}

beforeEach(async () => {
	receiver = await startReceiver();
	pauses = [];
});

afterEach(async () => {
	await receiver.close();
});

describe('postNotification', () => {
	it('POSTs the body as given with JSON content type, Idempotency-Key and Basic Auth', async () => {
		const attempt = await postNotification(receiver.url, payload(1), {
			idempotencyKey: 'local|created|srv-1|2026-11-23|1',
			auth: { user: 'hook', password: 'p:ss wörd' },
		});
		expect(attempt).toEqual({ ok: true, status: 200, error: null });
		expect(receiver.received).toHaveLength(1);
		const [request] = receiver.received;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/hooks/maintenance');
		expect(request.body).toBe(payload(1));
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers.authorization).toBe(
			`Basic ${Buffer.from('hook:p:ss wörd', 'utf8').toString('base64')}`,
		);
		expect(request.headers['idempotency-key']).toBe(
			idempotencyHeader('local|created|srv-1|2026-11-23|1'),
		);
		expect(request.headers['idempotency-key']).toMatch(/^[0-9a-f]{64}$/);
	});

	it('sends no Authorization header without auth, and an ASCII key for any equipment name', async () => {
		const attempt = await postNotification(receiver.url, payload(1), {
			idempotencyKey: 'local|created|Serveur été ✓|2026-11-23|1',
		});
		expect(attempt.ok).toBe(true);
		expect(receiver.received[0].headers.authorization).toBeUndefined();
		expect(receiver.received[0].headers['idempotency-key']).toMatch(/^[0-9a-f]{64}$/);
	});

	it('never throws: a refused connection, a timeout, a bad status and bad auth are results', async () => {
		receiver.status = () => 503;
		expect(await postNotification(receiver.url, '{}', { idempotencyKey: 'k' })).toEqual({
			ok: false,
			status: 503,
			error: 'HTTP 503 Service Unavailable',
		});
		receiver.delayMs = 1000;
		receiver.status = () => 200;
		expect(
			await postNotification(receiver.url, '{}', { idempotencyKey: 'k', timeoutMs: 100 }),
		).toMatchObject({
			ok: false,
			status: null,
			error: expect.stringMatching(/^ETIMEDOUT/),
		});
		const bad = await postNotification(receiver.url, '{}', {
			idempotencyKey: 'k',
			auth: { user: 'a:b', password: 'x' },
		});
		expect(bad).toMatchObject({
			ok: false,
			error: expect.stringContaining('must not contain ":"'),
		});
		await receiver.stop();
		expect(await postNotification(receiver.url, '{}', { idempotencyKey: 'k' })).toMatchObject({
			ok: false,
			status: null,
			error: expect.stringMatching(/^ECONNREFUSED/),
		});
	});
});

describe.each(BACKENDS)('deliverOutbox, %s store', (backend) => {
	let store: StateStore;
	let outbox: NotificationOutbox;
	beforeEach(async () => {
		store = await openTestStore(backend);
		outbox = new NotificationOutbox(store);
	});
	afterEach(() => store.close());

	it('retries a 5xx within the run with backoff: 503 then 200 is sent after 2 attempts', async () => {
		receiver.status = (index) => (index === 0 ? 503 : 200);
		await outbox.enqueue('key-1', receiver.url, payload(1), T0);
		const results = await deliverOutbox(outbox, options());
		expect(results.get('key-1')).toEqual({ status: 'sent', attempts: 2, reason: null });
		expect(pauses).toEqual([10]);
		expect(receiver.received.map((request) => request.body)).toEqual([payload(1), payload(1)]);
		const keys = receiver.received.map((request) => request.headers['idempotency-key']);
		expect(keys[0]).toBe(keys[1]);
		expect(await outbox.byKey('key-1')).toMatchObject({
			status: 'sent',
			attempts: 2,
			lastError: null,
		});
	});

	it('queues with the reason while the receiver is down, then delivers exactly once when it is back', async () => {
		await outbox.enqueue('key-1', receiver.url, payload(1), T0);
		await receiver.stop();
		const first = await deliverOutbox(outbox, options());
		expect(first.get('key-1')).toEqual({
			status: 'queued',
			attempts: 3,
			reason: expect.stringMatching(/^ECONNREFUSED/),
		});
		expect(pauses).toEqual([10, 20]);
		expect(await outbox.byKey('key-1')).toMatchObject({ status: 'pending', attempts: 3 });

		await receiver.start();
		const second = await deliverOutbox(outbox, options({ now: at('2026-11-23T10:15:00.000Z') }));
		expect(second.get('key-1')).toEqual({ status: 'sent', attempts: 4, reason: null });
		const third = await deliverOutbox(outbox, options({ now: at('2026-11-23T10:30:00.000Z') }));
		expect(third.size).toBe(0);
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0].body).toBe(payload(1));
	});

	it('gives up once the message is older than the max age: failed, and never attempted again', async () => {
		receiver.status = () => 500;
		await outbox.enqueue('key-1', receiver.url, payload(1), T0);
		const young = await deliverOutbox(outbox, options({ attemptsPerRun: 1, maxAgeMs: 3_600_000 }));
		expect(young.get('key-1')?.status).toBe('queued');
		const old = await deliverOutbox(
			outbox,
			options({ attemptsPerRun: 1, maxAgeMs: 3_600_000, now: at('2026-11-23T11:00:00.000Z') }),
		);
		expect(old.get('key-1')).toEqual({
			status: 'failed',
			attempts: 2,
			reason: 'gave up after 2 attempts: HTTP 500 Internal Server Error',
		});
		expect(await outbox.byKey('key-1')).toMatchObject({ status: 'failed', attempts: 2 });
		receiver.status = () => 200;
		const later = await deliverOutbox(outbox, options({ now: at('2026-11-23T12:00:00.000Z') }));
		expect(later.size).toBe(0);
		expect(receiver.received).toHaveLength(2);
	});

	it('does not hold the run up: an endpoint that failed gets no more attempts in this run', async () => {
		await receiver.stop();
		const other = await startReceiver();
		try {
			await outbox.enqueue('old', receiver.url, payload(1), T0);
			await outbox.enqueue('new', receiver.url, payload(2), T0);
			await outbox.enqueue('elsewhere', other.url, payload(3), T0);
			const results = await deliverOutbox(outbox, options());
			expect(results.get('old')).toMatchObject({ status: 'queued', attempts: 3 });
			expect(results.get('new')).toEqual({
				status: 'queued',
				attempts: 0,
				reason: expect.stringMatching(
					/^not attempted, the endpoint failed earlier in this run: ECONNREFUSED/,
				),
			});
			expect(results.get('elsewhere')).toMatchObject({ status: 'sent', attempts: 1 });
			expect(pauses).toEqual([10, 20]);
			expect(await outbox.byKey('new')).toMatchObject({ status: 'pending', attempts: 0 });
			await receiver.start();
			const next = await deliverOutbox(outbox, options());
			expect([...next.values()].map((result) => result.status)).toEqual(['sent', 'sent']);
			expect(receiver.received.map((request) => request.body)).toEqual([payload(1), payload(2)]);
		} finally {
			await other.close();
		}
	});

	it('gives up the messages of a failing endpoint that are too old, attempted or not', async () => {
		await receiver.stop();
		await outbox.enqueue('a', receiver.url, payload(1), T0);
		await outbox.enqueue('b', receiver.url, payload(2), T0);
		const results = await deliverOutbox(
			outbox,
			options({ attemptsPerRun: 1, maxAgeMs: 60_000, now: at('2026-11-23T11:00:00.000Z') }),
		);
		expect([...results.values()].map((result) => result.status)).toEqual(['failed', 'failed']);
		expect(await outbox.counts()).toEqual({ pending: 0, sent: 0, failed: 2 });
	});

	it('two deliveries at the same time never send the same message twice', async () => {
		receiver.delayMs = 50;
		const now = new Date().toISOString();
		for (let id = 1; id <= 6; id++)
			await outbox.enqueue(`key-${id}`, receiver.url, payload(id), now);
		const real = { now: () => new Date(), sleep: undefined };
		const [a, b] = await Promise.all([
			deliverOutbox(outbox, options(real)),
			deliverOutbox(outbox, options(real)),
		]);
		const bodies = receiver.received.map((request) => request.body).sort();
		expect(bodies).toEqual([1, 2, 3, 4, 5, 6].map(payload).sort());
		expect(a.size + b.size).toBe(6);
		expect([...a.keys()].filter((key) => b.has(key))).toEqual([]);
		expect(a.size).toBeGreaterThan(0);
		expect(b.size).toBeGreaterThan(0);
		expect(await outbox.counts()).toEqual({ pending: 0, sent: 6, failed: 0 });
	});

	it('leaves a message leased by another execution alone until the lease runs out', async () => {
		await outbox.enqueue('key-1', receiver.url, payload(1), T0);
		const claimed = await outbox.claimNext(T0, 60_000);
		expect(claimed?.idempotencyKey).toBe('key-1');
		expect(
			(await deliverOutbox(outbox, options({ now: at('2026-11-23T10:00:30.000Z') }))).size,
		).toBe(0);
		expect(receiver.received).toHaveLength(0);
		const after = await deliverOutbox(outbox, options({ now: at('2026-11-23T10:01:01.000Z') }));
		expect(after.get('key-1')?.status).toBe('sent');
		expect(receiver.received).toHaveLength(1);
	});

	it('leases each message for longer than its attempts can take', () => {
		expect(
			leaseFor(options({ attemptsPerRun: 3, retryDelayMs: 1000, timeoutMs: 10_000 })),
		).toBeGreaterThan(3 * 10_000 + 1000 + 2000);
	});

	it('delivers only to the target URLs when given (the auth goes nowhere else)', async () => {
		const other = await startReceiver();
		try {
			await outbox.enqueue('to-a', receiver.url, payload(1), T0);
			await outbox.enqueue('to-b', other.url, payload(2), T0);
			const results = await deliverOutbox(
				outbox,
				options({ targetUrls: [receiver.url], auth: { user: 'hook', password: 'secret' } }),
			);
			expect([...results.keys()]).toEqual(['to-a']);
			expect(other.received).toHaveLength(0);
			expect((await outbox.byKey('to-b'))?.status).toBe('pending');
			expect((await deliverOutbox(outbox, options({ targetUrls: [] }))).size).toBe(0);
			const rest = await deliverOutbox(outbox, options());
			expect([...rest.keys()]).toEqual(['to-b']);
			expect(other.received[0].headers.authorization).toBeUndefined();
		} finally {
			await other.close();
		}
	});

	it('does not send a message again that is queued twice under the same key', async () => {
		await outbox.enqueue('key-1', receiver.url, payload(1), T0);
		await deliverOutbox(outbox, options());
		const again = await outbox.enqueue('key-1', receiver.url, payload(99), T0);
		expect(again).toMatchObject({ status: 'sent', payload: payload(1) });
		expect((await deliverOutbox(outbox, options())).size).toBe(0);
		expect(receiver.received).toHaveLength(1);
	});
});
