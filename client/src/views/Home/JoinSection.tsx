import { useRef, useState } from 'preact/hooks';
import { joinTarget } from './groupCheck.ts';

/** A member joins with the code on the projector; a wrong code is answered here, not elsewhere. */
export function JoinSection() {
  const field = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
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
    setError(result.message);
    // What was typed stays, with the caret in it, ready to be corrected.
    field.current?.focus();
  };

  return (
    <section class="home__card home__join" aria-labelledby="join-title">
      <h2 id="join-title">Join as a member</h2>
      <p class="muted">Enter the six-character code shown on the projector.</p>
      <form noValidate onSubmit={submit}>
        <label for="join-code">Join code</label>
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
            Join
          </button>
        </div>
        {error && (
          <p id="join-error" class="home__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
