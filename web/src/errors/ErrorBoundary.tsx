/**
 * Catches a render that throws (an odd document, a bug) so only the part that failed is
 * replaced by a message in words with a Reload button; the rest of the page (header,
 * people, console) keeps working (issue #10 hole 6). React offers boundaries only as
 * class components.
 *
 * @example
 * <ErrorBoundary what="the editor"><Editor … /></ErrorBoundary>
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the boundary holds, in words: "the editor", "the room". */
  what: string;
  children?: ReactNode;
  /** What Reload does; the page reloads by default. */
  onReload?: () => void;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.what} failed to render`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return <RenderFailed what={this.props.what} onReload={this.props.onReload ?? (() => location.reload())} />;
  }
}

/** The message a failed part shows instead of itself. */
export function RenderFailed({ what, onReload }: { what: string; onReload: () => void }) {
  return (
    <div className="render-failed" role="alert">
      <p>Something went wrong showing {what}. Your work is saved in the room; reload to see it again.</p>
      <button type="button" onClick={onReload}>
        Reload
      </button>
    </div>
  );
}
