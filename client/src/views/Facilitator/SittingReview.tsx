import type { SessionView, SittingSummary, SittingsResponse } from '@balint/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useConsoleWords } from '../../i18n/console/words.ts';
import { AttendanceEditor } from '../Register/AttendanceEditor.tsx';
import { registerApi } from '../Register/registerApi.ts';
import { SittingChart } from '../Register/SittingChart.tsx';
import '../Register/register.css';

const RECENT_MS = 12 * 3_600_000;

interface Props {
  code: string;
  facilitatorKey: string;
  view: SessionView;
}

/**
 * After `end`: the sitting as it ran, planned against actual, for the facilitator's own
 * reflection; for a standing group, who attended, to confirm.
 */
export function SittingReview({ code, facilitatorKey, view }: Props) {
  const all = useConsoleWords();
  const words = all.review;
  const api = useMemo(() => registerApi(code, facilitatorKey), [code, facilitatorKey]);
  const [register, setRegister] = useState<SittingsResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Read again when the session moves (an end undone and sent again) or becomes standing.
  useEffect(() => {
    let current = true;
    void api.sittings().then((result) => {
      if (!current) return;
      if (result.ok) setRegister(result.value);
      else setProblem(result.message);
    });
    return () => {
      current = false;
    };
  }, [api, view.revision, view.standing]);

  // The sitting this end closed: the latest, if it ended today (an `end` sent from the lobby
  // closes none, and last week's is not this one).
  const latest: SittingSummary | undefined = register?.sittings.at(-1);
  const sitting =
    latest?.endedAt != null && view.serverTime - latest.endedAt < RECENT_MS ? latest : undefined;
  if (problem) return <p class="review__problem muted">{problem}</p>;
  if (!register || !sitting) return null;
  const saved = (next: SittingSummary) =>
    setRegister({
      ...register,
      sittings: register.sittings.map((found) => (found.id === next.id ? next : found)),
      roster: [...new Set([...register.roster, ...next.attendance.map((entry) => entry.name)])],
    });
  return (
    <section class="review" aria-labelledby="review-title">
      <h2 id="review-title">{words.title}</h2>
      <SittingChart
        phases={sitting.phases}
        cases={sitting.cases}
        words={all.chart}
        language={view.language}
      />
      {register.standing ? (
        <section class="review__attendance" aria-labelledby="attendance-title">
          <h3 id="attendance-title">{words.attended}</h3>
          <AttendanceEditor
            key={sitting.id}
            sitting={sitting}
            roster={register.roster}
            api={api}
            onSaved={saved}
            words={all.attendance}
          />
          <p class="review__register">
            <a href={`/f/${code}/register`}>{words.register}</a>
          </p>
        </section>
      ) : (
        <p class="muted review__ordinary">{words.ordinary}</p>
      )}
    </section>
  );
}
