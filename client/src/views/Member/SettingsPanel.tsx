import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import { useText } from '../../i18n/dictionary.ts';
import type { MemberSettingsProps } from './MemberSettings.tsx';

/**
 * The phone's settings behind one tap. Their code loads when the panel first opens: most
 * members never open it, and the member page has a 30 KB budget.
 */
export function SettingsPanel(props: MemberSettingsProps) {
  const text = useText().member;
  const [Body, setBody] = useState<ComponentType<MemberSettingsProps> | null>(null);
  return (
    <details
      class="member__details"
      onToggle={(event) => {
        if (!event.currentTarget.open || Body) return;
        void import('./MemberSettings.tsx').then((loaded) => setBody(() => loaded.MemberSettings));
      }}
    >
      <summary>{text.settings}</summary>
      {Body && <Body {...props} />}
    </details>
  );
}
