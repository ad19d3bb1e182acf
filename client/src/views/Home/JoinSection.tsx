import { useRef, useState } from 'preact/hooks';
import type { HomeWords } from '../../i18n/home/en.ts';
import { useHomeWords } from '../../i18n/home/words.ts';
import { type JoinProblem, joinTarget } from './groupCheck.ts';

/** A member joins with the code on the projector; a wrong code is answered here, not elsewhere. */
export function JoinSection() {
  const text = useHomeWords();
  const field = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<JoinProblem | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (checking) return;
    setChecking(true);
    const result = await joinTarget(code);
    if (result.ok) {
      location.assign(result.path);
      return;
    }
    setChecking(false);
    setError(result.problem);
    // What was typed stays, with the caret in it, ready to be corrected.
    field.current?.focus();
  };

  return (
    <section class="home__card home__join" aria-labelledby="join-title">
      <h2 id="join-title">{text.joinTitle}</h2>
      <p class="muted">{text.joinLead}</p>
      <form noValidate onSubmit={submit}>
        <label for="join-code">{text.joinCode}</label>
        <div class="home__row">
          <input
            ref={field}
            id="join-code"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            maxLength={12}
            class="home__code"
            value={code}
            aria-invalid={error !== null}
            aria-describedby={error ? 'join-error' : undefined}
            onInput={(event) => {
              setCode(event.currentTarget.value);
              setError(null);
            }}
          />
          <button type="submit" class="button button--primary" aria-disabled={checking}>
            {text.join}
          </button>
        </div>
        {error && (
          <p id="join-error" class="home__error" role="alert">
            {problemText(error, text)}
          </p>
        )}
      </form>
    </section>
  );
}

/** What went wrong with a typed code, in a sentence. */
function problemText(problem: JoinProblem, text: HomeWords): string {
  switch (problem.kind) {
    case 'malformed':
      return text.malformed;
    case 'missing':
      return text.missing(problem.code);
    case 'limited':
      return text.limited;
    case 'unreachable':
      return text.unreachable;
    case 'failed':
      return text.checkFailed;
    default:
      return problem satisfies never;
  }
}
