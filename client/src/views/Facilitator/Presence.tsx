import { canSend, type MemberInfo, type SessionView } from '@balint/shared';
import { useConsoleWords } from '../../i18n/console/words.ts';
import { useText } from '../../i18n/dictionary.ts';
import { plural } from '../../i18n/plural.ts';
import type { ConsoleModel } from './consoleModel.ts';

interface Props {
  view: SessionView;
  console: ConsoleModel;
  live: boolean;
}

/** Who is following: screens by kind, members by name; the presenter is picked from here. */
export function Presence({ view, console: model, live }: Props) {
  const words = useConsoleWords().presence;
  const { locale } = useText();
  const { counts } = view;
  const named = (view.members ?? []).filter((member) => member.name.trim() !== '');
  const canPick = live && canSend(view, 'setPresenter');
  return (
    <section class="panel" aria-labelledby="presence-title">
      <h2 id="presence-title">{words.title}</h2>
      <p class="presence__counts">
        <span>
          <strong>{counts.members}</strong> {plural(locale, counts.members, words.members)}
        </span>
        <span>
          <strong>{counts.displays}</strong> {plural(locale, counts.displays, words.displays)}
        </span>
        <span>
          <strong>{counts.facilitators}</strong>{' '}
          {plural(locale, counts.facilitators, words.facilitators)}
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
                  {words.presents}
                  <span class="visually-hidden">{words.presentsWho(member.name)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p class="hint">{words.hint}</p>
    </section>
  );
}

function MemberTag({ view, member }: { view: SessionView; member: MemberInfo }) {
  const words = useConsoleWords().presence;
  if (member.device !== '' && member.device === view.presenterDevice) {
    return <span class="presence__tag presence__tag--presenting">{words.presenting}</span>;
  }
  if (member.offer) return <span class="presence__tag">{words.offers}</span>;
  return null;
}
