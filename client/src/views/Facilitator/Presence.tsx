import type { SessionView } from '@balint/shared';

interface Props {
  view: SessionView;
}

/** Who is following: screens by kind and members by the name they chose. */
export function Presence({ view }: Props) {
  const { counts } = view;
  const members = view.members ?? [];
  const named = members.filter((member) => member.name.trim() !== '');
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
            <li key={`${member.name}-${index}`}>
              {member.name}
              {member.offer && <span class="presence__tag"> offers to present</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
