/**
 * The statement's Markdown, rendered to markup in Node: raw HTML stays text, only
 * http, https and mailto links become links. The browser test (e2e/web-question.test.ts)
 * proves the same payloads run nothing in Chromium.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../src/problem/Markdown';
import { safeHref } from '../src/problem/markdown';

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe('statement Markdown', () => {
  it('[RQ9] raw HTML is text: no tag, no attribute of a statement reaches the page', () => {
    const html = render('<img src=x onerror=alert(1)>\n\n<script>alert(2)</script>\n\nInline <b onclick="x()">b</b>');
    // Every tag in the markup is the renderer's own, with no attribute but the wrapper's class.
    expect([...html.matchAll(/<([a-z0-9]+)([^>]*)>/g)].map((m) => `${m[1]}${m[2]}`)).toEqual([
      'div class="markdown"',
      'p',
      'p',
      'p',
    ]);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('[RQ9] only http, https and mailto links are links, opened with noopener noreferrer', () => {
    const html = render(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html;base64,PHNjcmlwdD4=) [d](vbscript:x) [e](https://example.com/x) [f](mailto:a@example.com) [g](/relative)',
    );
    expect(html.match(/<a /g)).toHaveLength(2);
    expect(html).toContain('<a href="https://example.com/x" target="_blank" rel="noopener noreferrer">e</a>');
    expect(html).toContain('<a href="mailto:a@example.com" target="_blank" rel="noopener noreferrer">f</a>');
    expect(html).not.toMatch(/href="(javascript|data|vbscript|\/relative)/i);
    for (const url of ['java\tscript:alert(1)', ' javascript:x', '\u0001javascript:x', 'data:,x', '//evil.example']) {
      expect(safeHref(url)).toBe(false);
    }
  });

  it('[RQ9] code keeps HTML as text; images are their alt text; Markdown structure renders', () => {
    const html = render(
      '# Title\n\n```\n<img src=x onerror=alert(3)>\n```\n\n![alt words](https://example.com/i.png)\n\n- **one**\n- `two`',
    );
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<pre><code>&lt;img src=x onerror=alert(3)&gt;\n</code></pre>');
    expect(html).not.toContain('<img');
    expect(html).toContain('alt words');
    expect(html).toContain('<ul><li><strong>one</strong></li><li><code>two</code></li></ul>');
  });
});
