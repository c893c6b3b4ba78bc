// The Cloudflare Worker the workerd test runs: the scenario, big exports through a `Response`, and a
// cancel probe whose source's `finally` is observed by a second request.
import { toCsv, toXlsx } from '../../src/web/index.js';
import { probe, runScenario } from './scenario.js';

let last: { pulled: number; closed: number } | undefined;

function* many(count: number): Generator<{ id: number; name: string; score: number; day: Date; ok: boolean }> {
  for (let i = 0; i < count; i++) yield { id: i, name: `name ${i}`, score: i / 8, day: new Date(Date.UTC(2024, 0, 1 + (i % 366))), ok: i % 2 === 0 };
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const count = Number(url.searchParams.get('rows') ?? '0');
    switch (url.pathname) {
      case '/scenario':
        return Response.json(await runScenario());
      case '/csv':
        return new Response(toCsv(many(count)), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
      case '/xlsx':
        return new Response(toXlsx(many(count)), { headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
      case '/probe': {
        const { rows, state } = probe();
        last = state;
        return new Response(url.searchParams.get('kind') === 'xlsx' ? toXlsx(rows) : toCsv(rows));
      }
      case '/probed':
        return Response.json(last ?? null);
      default:
        return new Response('not found', { status: 404 });
    }
  },
};
