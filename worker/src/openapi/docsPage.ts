/**
 * The docs page (`GET /api/docs`): the OpenAPI document as one plain HTML page, each
 * route with who may call it, its parameters, its body's schema and example, and its
 * answers. Self-contained on purpose: no script at all (the CSP allows only this
 * origin's files) and nothing from another host; styles are inline, which the CSP allows.
 */
import type { Method, OpenApiDocument, Operation, Response, SecurityRequirement } from './types';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/** Inline code in the document's prose (`like this`) as <code>, everything else escaped. */
const prose = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const json = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;

const METHODS: Method[] = ['get', 'put', 'post', 'delete', 'patch'];

function who(security: SecurityRequirement[]): string {
  if (security.length === 0) return 'no credentials';
  return security.map((req) => Object.keys(req).join(' + ') || 'anonymous').join(' or ');
}

function parametersOf(op: Operation): string {
  const params = op.parameters;
  if (params.length === 0) return '';
  const rows = params.map(
    (p) =>
      `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}${p.required ? ', required' : ''}</td><td><code>${escapeHtml(JSON.stringify(p.schema))}</code></td></tr>`,
  );
  return `<table><tr><th>parameter</th><th>in</th><th>schema</th></tr>${rows.join('')}</table>`;
}

function bodyOf(op: Operation): string {
  const body = op.requestBody;
  const media = body?.content['application/json'];
  if (!body || !media) return '';
  return (
    `<h4>Body (JSON${body.required ? '' : ', may be left out'})</h4>` +
    `<p>Example:</p>${json(media.example)}<details><summary>Schema</summary>${json(media.schema)}</details>`
  );
}

function answersOf(op: Operation): string {
  const items = Object.entries(op.responses).map(([status, answer]) => {
    if ('$ref' in answer) return `<li><b>${escapeHtml(status)}</b> any other refusal, as below</li>`;
    const response = answer;
    const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
    const schema = media?.schema
      ? `<details><summary>${escapeHtml(type ?? '')}</summary>${json(media.schema)}</details>`
      : '';
    return `<li><b>${escapeHtml(status)}</b> ${prose(response.description)}${schema}</li>`;
  });
  return `<h4>Answers</h4><ul>${items.join('')}</ul>`;
}

function operationHtml(method: string, path: string, op: Operation): string {
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
  return (
    `<section id="${id}"><h3><code>${method.toUpperCase()} ${escapeHtml(path)}</code> ${escapeHtml(op.summary)}</h3>` +
    (op.description ? `<p>${prose(op.description)}</p>` : '') +
    `<p>Credentials: ${escapeHtml(who(op.security))}</p>${parametersOf(op)}${bodyOf(op)}${answersOf(op)}</section>`
  );
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d232a}
section{border-top:1px solid #d6dbe0;padding:.5rem 0}h3 code{background:#eef2f6;padding:.1rem .3rem}
pre{background:#f5f7f9;padding:.5rem;overflow:auto;font-size:13px}table{border-collapse:collapse}
td,th{border:1px solid #d6dbe0;padding:.2rem .4rem;text-align:left;vertical-align:top}`;

/** The whole page for `doc`. */
export function docsPage(doc: OpenApiDocument): string {
  const sections = doc.tags.map((tag) => {
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.flatMap((method) => {
        const op = item?.[method];
        return op?.tags.includes(tag.name) ? [operationHtml(method, path, op)] : [];
      }),
    );
    if (ops.length === 0) return '';
    return `<h2 id="${escapeHtml(tag.name)}">${escapeHtml(tag.name)}</h2><p>${prose(tag.description)}</p>${ops.join('')}`;
  });
  const refusal = doc.components.responses.Refusal as Response;
  const schemes = Object.entries(doc.components.securitySchemes).map(
    ([name, s]) => `<li><b>${escapeHtml(name)}</b>: ${prose(s.description)}</li>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><style>${STYLE}</style></head><body>
<h1>${escapeHtml(doc.info.title)}</h1><p>${prose(doc.info.description)}</p>
<p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escapeHtml(doc.openapi)}).</p>
<h2>Credentials</h2><ul>${schemes.join('')}</ul>${sections.join('')}
<h2 id="refusals">Refusals</h2><p>${prose(refusal.description)}</p>${json(refusal.content?.['application/json']?.schema)}</body></html>`;
}
