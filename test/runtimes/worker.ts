// The Cloudflare Worker the workerd test runs: the scenario (whose cancel probe reads a `Response`
// body inside the worker) and big exports through a `Response`.
import { toCsv, toXlsx } from '../../src/web/index.js';
import { runScenario } from './scenario.js';

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
      default:
        return new Response('not found', { status: 404 });
    }
  },
};
