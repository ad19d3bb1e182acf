import type { SessionView } from '@balint/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useConsoleWords } from '../../i18n/console/words.ts';
import { forgetGroup, rememberStanding } from '../Home/homeMemory.ts';
import { registerApi } from '../Register/registerApi.ts';

interface Props {
  code: string;
  facilitatorKey: string;
  view: SessionView;
}

/** The group itself: keep it for next week, its register, delete it now. */
export function GroupActions({ code, facilitatorKey, view }: Props) {
  const words = useConsoleWords().group;
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
    setStatus(result.ok ? words.kept : result.message);
  };
  const remove = async () => {
    setStatus(words.deleting);
    const result = await api.deleteGroup();
    if (!result.ok) {
      setStatus(result.message);
      return;
    }
    // The server tells every screen, this one too, that the group is gone.
    forgetGroup(code);
    setStatus(words.deleted);
  };

  return (
    <section class="panel group-actions" aria-labelledby="group-actions-title">
      <h2 id="group-actions-title">{words.title}</h2>
      {view.standing ? (
        <>
          <p class="group-actions__standing">{words.standing}</p>
          <p>
            <a class="button" href={`/f/${code}/register`}>
              {words.register}
            </a>
          </p>
        </>
      ) : (
        <>
          <button type="button" class="button" disabled={busy} onClick={keep}>
            {words.keep}
          </button>
          <p class="group-actions__hint muted">{words.keepHint}</p>
        </>
      )}
      <button
        type="button"
        class="button button--quiet group-actions__delete"
        onClick={() => setConfirming(true)}
      >
        {words.delete}
      </button>
      <p class="group-actions__status" role="status">
        {status}
      </p>
      <ConfirmDialog
        open={confirming}
        title={words.deleteTitle}
        body={view.standing ? words.deleteStanding : words.deleteOrdinary}
        confirmLabel={words.deleteConfirm}
        onConfirm={() => void remove()}
        onClose={() => setConfirming(false)}
      />
    </section>
  );
}
