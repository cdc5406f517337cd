/**
 * The interviewer's language control in the header. Switching opens the new language's
 * starter as the entry file for everyone; the old code stays as its files (the room
 * does it: worker/src/room/languageSwitch.ts).
 */
import { isLanguageId, LANGUAGE_IDS, LANGUAGES, type LanguageId } from '@codesync/executor/languages';

export function LanguagePicker({ current, onSwitch }: { current: string; onSwitch(language: LanguageId): void }) {
  return (
    <select
      className="language-picker"
      aria-label="Room language"
      value={current}
      onChange={(e) => {
        const next = e.target.value;
        if (!isLanguageId(next)) return;
        const words = `Switch the room to ${LANGUAGES[next].name}? Everyone gets ${LANGUAGES[next].entry} as the file Run starts from; the code so far stays in its files.`;
        if (confirm(words)) onSwitch(next);
      }}
    >
      {LANGUAGE_IDS.map((id) => (
        <option key={id} value={id}>
          {LANGUAGES[id].name} ({LANGUAGES[id].version})
        </option>
      ))}
    </select>
  );
}
