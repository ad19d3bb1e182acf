import type { SessionView } from '@balint/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { forgetGroup, rememberStanding } from '../Home/homeMemory.ts';
import { registerApi } from '../Register/registerApi.ts';

interface Props {
  code: string;
  facilitatorKey: string;
  view: SessionView;
}

/** The group itself: keep it for next week, its register, delete it now. */
export function GroupActions({ code, facilitatorKey, view }: Props) {
  const api = useMemo(() => registerApi(code, facilitatorKey), [code, facilitatorKey]);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  // This device offers a standing group on its start page from now on.
  useEffect(() => {
    if (view.standing) rememberStanding({ code, name: view.name }, Date.now());
  }, [code, view.name, view.standing]);

  const keep = async () => {
    setBusy(true);
    const result = await api.makeStanding();
    setBusy(false);
    setStatus(result.ok ? 'Kept: the same code and links next week.' : result.message);
  };
  const remove = async () => {
    setStatus('Deleting…');
    const result = await api.deleteGroup();
    if (!result.ok) {
      setStatus(result.message);
      return;
    }
    // The server tells every screen, this one too, that the group is gone.
    forgetGroup(code);
    setStatus('The group is deleted.');
  };

  return (
    <section class="panel group-actions" aria-labelledby="group-actions-title">
      <h2 id="group-actions-title">This group</h2>
      {view.standing ? (
        <>
          <p class="group-actions__standing">
            A standing group: the same code, key and links every week.
          </p>
          <p>
            <a class="button" href={`/f/${code}/register`}>
              Register and attendance
            </a>
          </p>
        </>
      ) : (
        <>
          <button type="button" class="button" disabled={busy} onClick={keep}>
            Keep this group for next week
          </button>
          <p class="group-actions__hint muted">
            The same code, key and links every week, and a register of who attended (names and dates
            only).
          </p>
        </>
      )}
      <button
        type="button"
        class="button button--quiet group-actions__delete"
        onClick={() => setConfirming(true)}
      >
        Delete this group now
      </button>
      <p class="group-actions__status" role="status">
        {status}
      </p>
      <ConfirmDialog
        open={confirming}
        title="Delete this group now?"
        body={
          view.standing
            ? 'The group, its sittings and its register of attendance are deleted at once, on every screen. This cannot be undone: download the register first if you need it.'
            : 'The group and everything about it are deleted at once, on every screen. This cannot be undone.'
        }
        confirmLabel="Delete the group"
        onConfirm={() => void remove()}
        onClose={() => setConfirming(false)}
      />
    </section>
  );
}
