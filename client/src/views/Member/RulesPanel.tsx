import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';

/** The ground rules one tap away; their text loads with that tap (the page has a 30 KB budget). */
export function RulesPanel({ title }: { title: string }) {
  const [Rules, setRules] = useState<ComponentType | null>(null);
  return (
    <details
      class="member__details"
      onToggle={(event) => {
        if (!event.currentTarget.open || Rules) return;
        void import('../../components/GroundRules.tsx').then((loaded) =>
          setRules(() => loaded.GroundRules),
        );
      }}
    >
      <summary>{title}</summary>
      {Rules && <Rules />}
    </details>
  );
}
