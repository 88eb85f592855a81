// An edge worker (Cloudflare Workers / workerd) that pre-checks Cloud API send requests:
// a request that Meta would refuse gets 422 with the findings and the error code Meta would
// have returned; a good one is forwarded upstream (env.UPSTREAM, e.g. https://graph.facebook.com).
// Outside this repository import from 'wa-preflight/web' and 'wa-preflight/wasm'.
import { initSync, SendChecker } from '../../pkg/web/wa_preflight.js';
import wasm from '../../pkg/web/wa_preflight_bg.wasm';
import templates from './templates.mjs';

initSync({ module: wasm });
const checker = new SendChecker(templates);

const json = (status, body) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export default {
  async fetch(request, env) {
    if (request.method !== 'POST') return json(405, { error: 'POST a Cloud API send request' });
    let payload;
    try {
      payload = await request.json();
    } catch {
      return json(400, { error: 'the body is not JSON' });
    }
    const url = new URL(request.url);
    // The same rules apply on both endpoints; /marketing_messages also takes only marketing templates.
    const endpoint = url.pathname.endsWith('/marketing_messages') ? 'marketing_messages' : 'messages';
    let report;
    try {
      report = checker.check(payload, { now: Date.now(), endpoint });
    } catch (e) {
      return json(400, { error: e.message, code: e.code });
    }
    if (report.verdict === 'block') {
      return json(422, {
        error_code: report.error_code,
        alternatives: report.alternatives,
        diagnostics: report.diagnostics,
        billing: report.billing,
      });
    }
    const upstream = new URL(url.pathname + url.search, env.UPSTREAM);
    const headers = new Headers(request.headers);
    headers.set('x-wa-preflight', 'allow');
    return fetch(upstream, { method: 'POST', headers, body: JSON.stringify(payload) });
  },
};
