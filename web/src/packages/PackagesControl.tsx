/**
 * The room's libraries beside the Run button (worker/src/room/packages.ts): the list the
 * room's language installs on every run, and for an editor a small form to change it.
 * The server checks the specs and the role; a refusal is shown in its words.
 */
import { useState } from 'react';
import { api, messageOf } from '../api/client';

const EXAMPLES: Record<string, string> = { python: 'sortedcontainers@2.4.0', javascript: 'lodash@4.17.21' };

export function PackagesControl(props: {
  roomId: string;
  token: string;
  language: string;
  list: readonly string[];
  canEdit: boolean;
}) {
  const { roomId, token, language, list, canEdit } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(text: string) {
    setSaving(true);
    setError(null);
    try {
      const packages = text.split(/[\s,]+/).filter(Boolean);
      await api(`/api/rooms/${roomId}/packages`, { method: 'POST', token, body: { packages } });
      setDraft(null);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="packages">
      <span className="muted">Libraries</span>{' '}
      <output className="packages-list" aria-label="Declared libraries">
        {list.length ? list.join(' ') : 'none'}
      </output>
      {canEdit && draft === null && (
        <button type="button" className="link" onClick={() => setDraft(list.join(' '))}>
          Edit libraries
        </button>
      )}
      {draft !== null && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(draft);
          }}
        >
          <input
            className="packages-input"
            aria-label="Libraries to install"
            placeholder={`name@version, e.g. ${EXAMPLES[language] ?? 'name@1.0.0'}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" disabled={saving}>
            Save
          </button>
          <button type="button" className="link" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
