import { canSend, type MemberInfo, type SessionView } from '@balint/shared';
import type { ConsoleModel } from './consoleModel.ts';

interface Props {
  view: SessionView;
  console: ConsoleModel;
  live: boolean;
}

/** Who is following: screens by kind, members by name; the presenter is picked from here. */
export function Presence({ view, console: model, live }: Props) {
  const { counts } = view;
  const named = (view.members ?? []).filter((member) => member.name.trim() !== '');
  const canPick = live && canSend(view, 'setPresenter');
  return (
    <section class="panel" aria-labelledby="presence-title">
      <h2 id="presence-title">Who is here</h2>
      <p class="presence__counts">
        <span>
          <strong>{counts.members}</strong> {counts.members === 1 ? 'member' : 'members'}
        </span>
        <span>
          <strong>{counts.displays}</strong> {counts.displays === 1 ? 'display' : 'displays'}
        </span>
        <span>
          <strong>{counts.facilitators}</strong>{' '}
          {counts.facilitators === 1 ? 'facilitator' : 'facilitators'}
        </span>
      </p>
      {named.length > 0 && (
        <ul class="presence__names">
          {named.map((member, index) => (
            <li key={`${member.device}-${index}`} class="presence__member">
              <span class="presence__name">{member.name}</span>
              <MemberTag view={view} member={member} />
              {canPick && member.device !== '' && member.device !== view.presenterDevice && (
                <button
                  type="button"
                  class="button button--quiet presence__pick"
                  onClick={() =>
                    void model.run({
                      type: 'setPresenter',
                      name: member.name,
                      device: member.device,
                    })
                  }
                >
                  Presents<span class="visually-hidden"> the case: {member.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p class="hint">
        A member who offers a case is marked here; “Presents” gives that phone the presenter’s
        prompts.
      </p>
    </section>
  );
}

function MemberTag({ view, member }: { view: SessionView; member: MemberInfo }) {
  if (member.device !== '' && member.device === view.presenterDevice) {
    return <span class="presence__tag presence__tag--presenting">presenting</span>;
  }
  if (member.offer) return <span class="presence__tag">offers a case</span>;
  return null;
}
