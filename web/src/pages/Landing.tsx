/**
 * Create an interview: title, language and (optionally) its length, then the three links to share.
 */
import { DEFAULT_LANGUAGE, LANGUAGE_IDS, LANGUAGES } from '@codesync/executor/languages';
import { type FormEvent, useState } from 'react';
import { AccountMenu } from '../account/AccountMenu';
import { api, messageOf } from '../api/client';
import { DurationPicker } from '../clock/DurationPicker';
import { LinkList } from '../people/LinkList';
import { QuestionPicker } from '../problem/QuestionPicker';
import { saveLinks } from '../room/savedLinks';

interface Created {
  roomId: string;
  links: { interviewer: string; candidate: string; observer: string };
}

export function Landing() {
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<string>(DEFAULT_LANGUAGE);
  const [durationMinutes, setDurationMinutes] = useState<number | null>(null);
  const [questionId, setQuestionId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const made = await api<Created>('/api/rooms', {
        method: 'POST',
        body: {
          title: title.trim() || undefined,
          language,
          questionId: questionId ?? undefined,
          durationMinutes: durationMinutes ?? undefined,
        },
      });
      // So the room page can show and replace them later (see savedLinks.ts).
      saveLinks(made.roomId, made.links);
      setCreated(made);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="landing">
      <AccountMenu />
      <h1>CodeSync</h1>
      <p className="lede">Live coding interviews: one editor, everyone's cursor, one shared console.</p>
      {!created ? (
        <form className="card" onSubmit={create}>
          <label>
            Title
            <input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="Backend interview"
              maxLength={120}
            />
          </label>
          <label>
            Language
            <select value={language} onChange={(e) => setLanguage(e.target.value)}>
              {LANGUAGE_IDS.map((id) => [id, `${LANGUAGES[id].name} (${LANGUAGES[id].version})`] as const).map(
                ([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ),
              )}
            </select>
          </label>
          <DurationPicker value={durationMinutes} onChange={setDurationMinutes} />
          <QuestionPicker value={questionId} onChange={setQuestionId} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create interview'}
          </button>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </form>
      ) : (
        <LinkList heading="Share these links" links={created.links}>
          <a className="button primary" href={created.links.interviewer}>
            Open the room as interviewer
          </a>
        </LinkList>
      )}
    </main>
  );
}
