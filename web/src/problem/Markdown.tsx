/**
 * A question's statement, rendered from Markdown as React elements: each token of the
 * parser (markdown.ts) becomes an element from a short list of tags, and all text goes
 * through React, which escapes it. There is no path for raw HTML: a tag the list does
 * not know renders its content only, and no attribute but a checked link's is kept.
 *
 * @example
 * <Markdown source={question.statement} />
 */
import type { Token } from 'markdown-it';
import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, safeHref } from './markdown';

/** Tags a statement may produce; anything else renders as its children. */
const TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'strong',
  'em',
  's',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'a',
]);

interface Node {
  token: Token | null;
  children: (Node | ReactNode)[];
}

/** Turns a flat token list (open … close) into elements. */
function render(tokens: Token[]): ReactNode[] {
  const root: Node = { token: null, children: [] };
  const stack: Node[] = [root];
  const top = () => stack[stack.length - 1] as Node;
  tokens.forEach((token, i) => {
    if (token.nesting === 1) {
      const node: Node = { token, children: [] };
      top().children.push(node);
      stack.push(node);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else {
      top().children.push(leaf(token, i));
    }
  });
  return root.children.map((child, i) => toElement(child, i));
}

function toElement(child: Node | ReactNode, key: number): ReactNode {
  if (!isNode(child)) return child;
  const token = child.token as Token;
  const children = child.children.map((c, i) => toElement(c, i));
  const tag = token.tag;
  // A tight list's paragraphs are marked hidden: their text stands in the item alone.
  if (!TAGS.has(tag) || token.hidden) return <Fragment key={key}>{children}</Fragment>;
  if (tag === 'a') {
    const href = String(token.attrGet('href') ?? '');
    if (!safeHref(href)) return <Fragment key={key}>{children}</Fragment>;
    return (
      <a key={key} href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    );
  }
  if (tag === 'ol') {
    const start = Number(token.attrGet('start') ?? 1);
    const Tag = tag;
    return (
      <Tag key={key} start={Number.isFinite(start) ? start : 1}>
        {children}
      </Tag>
    );
  }
  const Tag = tag as 'p';
  return <Tag key={key}>{children}</Tag>;
}

function isNode(child: unknown): child is Node {
  return typeof child === 'object' && child !== null && 'token' in child && 'children' in child;
}

function leaf(token: Token, key: number): ReactNode {
  switch (token.type) {
    case 'inline':
      return <Fragment key={key}>{render(token.children ?? [])}</Fragment>;
    case 'text':
    case 'html_inline': // never made with html: false; shown as text if it were
    case 'html_block':
      return token.content;
    case 'code_inline':
      return <code key={key}>{token.content}</code>;
    case 'fence':
    case 'code_block':
      return (
        <pre key={key}>
          <code>{token.content}</code>
        </pre>
      );
    case 'softbreak':
      return '\n';
    case 'hardbreak':
      return <br key={key} />;
    case 'hr':
      return <hr key={key} />;
    case 'image':
      // No images from a statement (they would load from anywhere): the alt text stays.
      return token.content;
    default:
      return token.content;
  }
}

export function Markdown({ source }: { source: string }) {
  return <div className="markdown">{render(parseMarkdown(source))}</div>;
}
