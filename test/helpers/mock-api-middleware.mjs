/**
 * A scriptable fake host API for browser tests, served by the test runner on its own origin under
 * `/mock-api/<scenario>/...`. Tests queue responses for a scenario, then read what arrived:
 *
 *   POST /mock-api/<scenario>/__script   body: [{status, headers?, body?, raw?, delayMs?, drop?}, ...]
 *                                         or {steps?: [...], routes?: {'<METHOD> <path>': [...]}, token?}
 *   GET  /mock-api/<scenario>/__log      → [{method, path, query, headers, body, at, aborted?}, ...]
 *
 * Every other request under the scenario takes the next scripted response (the last one repeats).
 * With `routes`, a request whose method and path (without the query) name a route takes the next
 * response of that route's own script instead, e.g. `{routes: {'GET /account': [...], 'POST
 * /payments': [{drop: true}, {status: 201, ...}]}}`, so a flow of several requests can be scripted
 * per endpoint; other requests fall back to `steps`.
 * `drop: true` destroys the socket without answering (a lost connection). With `token`, a request
 * whose `Authorization` is not `Bearer <token>` gets a 401 problem (logged, no step used). `aborted`
 * is set on a logged request whose client went away before the response was sent.
 */
const scenarios = new Map();

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
  });
}

export function mockApiMiddleware() {
  return async function mockApi(ctx, next) {
    const match = /^\/mock-api\/([^/]+)(\/.*)?$/.exec(ctx.path);
    if (!match) return next();
    const [, name, rest = '/'] = match;
    let scenario = scenarios.get(name);
    if (!scenario) {
      scenario = { script: [], routes: new Map(), log: [] };
      scenarios.set(name, scenario);
    }
    if (rest === '/__script' && ctx.method === 'POST') {
      const script = JSON.parse(await readBody(ctx.req));
      scenario.script = Array.isArray(script) ? script : script.steps ?? [];
      scenario.routes = new Map(Object.entries(Array.isArray(script) ? {} : script.routes ?? {}));
      scenario.token = Array.isArray(script) ? undefined : script.token;
      scenario.log = [];
      ctx.status = 204;
      return;
    }
    if (rest === '/__log') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(scenario.log);
      return;
    }
    const body = ctx.method === 'GET' || ctx.method === 'HEAD' ? '' : await readBody(ctx.req);
    const entry = {
      method: ctx.method,
      path: rest,
      query: ctx.querystring,
      headers: { ...ctx.headers },
      body,
      at: Date.now(),
    };
    scenario.log.push(entry);
    ctx.res.once('close', () => {
      if (!ctx.res.writableFinished) entry.aborted = true;
    });
    if (scenario.token !== undefined && ctx.headers.authorization !== `Bearer ${scenario.token}`) {
      ctx.status = 401;
      ctx.type = 'application/problem+json';
      ctx.body = JSON.stringify({ title: 'Unauthorized', status: 401 });
      return;
    }
    const queue = scenario.routes.get(`${ctx.method} ${rest}`) ?? scenario.script;
    const step = queue.length > 1 ? queue.shift() : queue[0];
    if (!step) {
      ctx.status = 500;
      ctx.body = 'no script for this scenario';
      return;
    }
    if (step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
    if (step.drop) {
      ctx.req.socket.destroy();
      ctx.respond = false;
      return;
    }
    ctx.status = step.status ?? 200;
    for (const [k, v] of Object.entries(step.headers ?? {})) ctx.set(k, v);
    if (step.raw !== undefined) {
      ctx.body = step.raw;
    } else if (step.body !== undefined) {
      if (!ctx.response.get('Content-Type')) ctx.type = 'application/json';
      ctx.body = JSON.stringify(step.body);
    } else {
      ctx.body = '';
    }
  };
}
