import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorBoundary } from '../src/errors/ErrorBoundary';

function Throws(): never {
  throw new Error('an odd document');
}

describe('error boundary', () => {
  it('[WEB11] a part that throws while rendering shows a message in words with a Reload button instead', () => {
    let reloaded = 0;
    const props = { what: 'the editor', children: createElement(Throws), onReload: () => reloaded++ };
    const boundary = new ErrorBoundary(props);
    boundary.state = ErrorBoundary.getDerivedStateFromError(new Error('an odd document'));
    const fallback = boundary.render();
    const html = renderToStaticMarkup(createElement('div', null, fallback));
    expect(html).toContain('Something went wrong showing the editor.');
    expect(html).toMatch(/<button type="button">Reload<\/button>/);
    expect(html).not.toContain('an odd document');
    // Reload is wired to the button.
    const button = (fallback as { props: { onReload: () => void } }).props;
    button.onReload();
    expect(reloaded).toBe(1);
  });

  it('[WEB11] renders its children untouched until something throws', () => {
    const html = renderToStaticMarkup(
      createElement(ErrorBoundary, { what: 'the room' }, createElement('p', null, 'header and console')),
    );
    expect(html).toBe('<p>header and console</p>');
  });
});
