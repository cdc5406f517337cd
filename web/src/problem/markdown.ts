/**
 * The one Markdown parser of the app, set up so a statement can never carry markup of
 * its own: raw HTML is off (`html: false`: `<script>` is text), and a link is a link
 * only when it goes to http, https or mailto (`javascript:`, `data:`, `vbscript:`,
 * relative tricks stay text). Markdown.tsx turns the tokens into React elements, so no
 * HTML string is ever put into the page.
 *
 * @example
 * parseMarkdown('# Two Sum\n[docs](https://example.com)'); // markdown-it tokens
 */

import type { Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:)/i;

/** Whether a link target may become a link: only http, https and mailto. */
export function safeHref(url: string): boolean {
  // Browsers ignore tabs, newlines and leading control characters in a scheme ("java\tscript:").
  const cleaned = [...url].filter((ch) => ch.charCodeAt(0) > 0x20 && ch.charCodeAt(0) !== 0x7f).join('');
  return SAFE_LINK.test(cleaned);
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
// Checked again when rendering; here it decides what is a link at all.
md.validateLink = safeHref;

export function parseMarkdown(source: string): Token[] {
  return md.parse(source, {});
}
