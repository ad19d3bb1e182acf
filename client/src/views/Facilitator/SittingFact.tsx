import { useEffect, useState } from 'preact/hooks';
import { differenceText, ProjectionModel } from '../../models/projection.ts';
import type { SessionModel } from '../../models/session.ts';
import { formatTimeOfDay } from '../../models/timeOfDay.ts';
import { useValue } from '../../models/useValue.ts';

/** The sitting in the console's facts line: its end and how the pace compares, or not set. */
export function SittingFact({ projection }: { projection: ProjectionModel }) {
  const outlook = useValue(projection.outlook);
  return (
    <div class="sitting-fact">
      <dt>Sitting ends</dt>
      <dd>
        {outlook?.endsAt != null ? (
          <>
            {formatTimeOfDay(outlook.endsAt)}
            {outlook.overMinutes !== null && (
              <span class="sitting-fact__difference"> · {differenceText(outlook.overMinutes)}</span>
            )}
          </>
        ) : (
          <span class="muted">not set</span>
        )}
      </dd>
    </div>
  );
}

/** The console's projection of the sitting, made once and stopped when the page goes. */
export function useProjection(session: SessionModel): ProjectionModel {
  const [projection] = useState(() => new ProjectionModel(session.view, session.clock));
  useEffect(() => () => projection.dispose(), [projection]);
  return projection;
}
