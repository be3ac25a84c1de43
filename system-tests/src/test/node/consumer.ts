// A consumer of products outside Java, written as a TypeScript developer would: only the client that
// openapi-generator's typescript-fetch generator makes from products.yaml, and Node's own fetch.
// Prints one JSON line per call; ProductsThroughPaymentsIT runs it against the running system.
// Usage: node consumer.js <products base URI> <token with every scope> <token with products:read only>
import {
  Configuration,
  PaymentsApi,
  Problem,
  ProblemFromJSON,
  ResponseError,
} from '../../../target/ts-consumer/client';

const [basePath, token, readOnlyToken] = process.argv.slice(2);
// typescript-fetch sends an oauth2 scheme's accessToken as the whole Authorization value (it adds
// "Bearer " only for http bearer schemes), so the consumer gives it the scheme too.
const payments = (accessToken?: string) =>
  new PaymentsApi(new Configuration({ basePath, accessToken: accessToken && `Bearer ${accessToken}` }));
const api = payments(token);

function report(call: string, outcome: object): void {
  console.log(JSON.stringify({ call, ...outcome }));
}

/** The typed problem of a call that products refused; anything else is a failure of this program. */
async function problemOf(call: () => Promise<unknown>): Promise<Problem> {
  try {
    await call();
  } catch (e) {
    if (e instanceof ResponseError) {
      return ProblemFromJSON(await e.response.json());
    }
    throw e;
  }
  throw new Error('expected a problem, got a success');
}

async function main(): Promise<void> {
  const key = `ts-consumer-${Date.now()}`;
  const order = { amount: '19.99', currency: 'EUR', description: 'TypeScript consumer' };

  const created = await api.createPaymentRaw({ idempotencyKey: key, newPayment: order });
  const payment = await created.value();
  report('create', {
    status: created.raw.status,
    id: payment.id,
    replayed: created.raw.headers.get('Idempotent-Replayed'),
    location: created.raw.headers.get('Location'),
  });

  const replayed = await api.createPaymentRaw({ idempotencyKey: key, newPayment: order });
  report('replay', {
    status: replayed.raw.status,
    id: (await replayed.value()).id,
    replayed: replayed.raw.headers.get('Idempotent-Replayed'),
  });

  const page = await api.listPayments({ limit: 5 });
  report('list', { count: page.items.length, first: page.items[0]?.id, nextCursor: page.nextCursor !== undefined });

  const one = await api.getPayment({ paymentId: payment.id });
  report('get', { id: one.id, amount: one.amount, status: one.status, createdAt: one.createdAt.toISOString() });

  const problems: Array<[string, () => Promise<unknown>]> = [
    ['400 limit=0', () => api.listPayments({ limit: 0 })],
    ['401 no token', () => payments(undefined).listPayments()],
    ['403 read-only token creates', () =>
      payments(readOnlyToken).createPayment({ idempotencyKey: `${key}-ro`, newPayment: order })],
    ['404 unknown payment', () => api.getPayment({ paymentId: 'pay_does_not_exist' })],
    ['422 amount zero', () =>
      api.createPayment({ idempotencyKey: `${key}-zero`, newPayment: { amount: '0.00', currency: 'EUR' } })],
    ['422 key reused', () =>
      api.createPayment({ idempotencyKey: key, newPayment: { ...order, amount: '20.00' } })],
  ];
  for (const [call, request] of problems) {
    const problem = await problemOf(request);
    report(call, { status: problem.status, type: problem.type, title: problem.title, detail: problem.detail });
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
