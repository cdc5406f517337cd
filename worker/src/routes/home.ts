/**
 * `/` until the web app lands: a plain page that says what the API is.
 */
import { Hono } from 'hono';
import type { Env } from '../env';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CodeSync</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem}
code,pre{background:#f3f3f3;border-radius:4px;padding:.1rem .3rem}pre{padding:.8rem;overflow:auto}
@media (prefers-color-scheme:dark){body{background:#111;color:#ddd}code,pre{background:#222}}</style></head>
<body><h1>CodeSync API</h1>
<p>Collaborative coding interviews. The web app is not built yet; the API is live:</p>
<pre>curl -X POST http://127.0.0.1:8787/api/rooms -H 'content-type: application/json' \\
  -d '{"title":"Backend interview","language":"python"}'</pre>
<ul>
<li><code>POST /api/rooms</code> creates a room and answers its three role links and tokens.</li>
<li><code>GET /api/rooms/:roomId</code>, <code>GET /api/rooms/:roomId/files</code>,
<code>POST /api/rooms/:roomId/end</code> take <code>Authorization: Bearer &lt;token&gt;</code>.</li>
<li><code>GET /api/rooms/:roomId/ws?token=…&amp;name=…</code> is a y-websocket endpoint: any stock Yjs provider joins.</li>
</ul>
<p>See README.md for the whole API.</p></body></html>`;

export const home = new Hono<{ Bindings: Env }>();

home.get('/', (c) => c.html(PAGE));
home.get('/health', (c) => c.json({ ok: true }));
