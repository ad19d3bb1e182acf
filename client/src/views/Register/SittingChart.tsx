import { formatDuration, type Language, PHASE_TEXTS, type PhaseRecord } from '@balint/shared';
import { formatLocale } from '../../i18n/formatLocale.ts';
import type { ChartWords } from '../../i18n/register/en.ts';

interface Props {
  phases: readonly PhaseRecord[];
  cases: number;
  words: ChartWords;
  language: Language;
}

const WIDTH = 300;

/**
 * A sitting's planned and actual time per phase, per case: a quiet bar for what ran and a thin
 * mark where the plan ended. For the facilitator's own reflection, so nothing is judged: no
 * red, no warning colours; the numbers beside each bar say it plainly.
 */
export function SittingChart({ phases, cases, words, language }: Props) {
  const titles = PHASE_TEXTS[language].titles;
  const at = formatLocale(language);
  const duration = (ms: number) => formatDuration(ms, at);
  const longest = Math.max(1, ...phases.flatMap((entry) => [entry.plannedMs, entry.actualMs]));
  const scale = (ms: number) => Math.max(0, Math.round((ms / longest) * WIDTH));
  const planned = phases.reduce((sum, entry) => sum + entry.plannedMs, 0);
  const actual = phases.reduce((sum, entry) => sum + entry.actualMs, 0);
  const caseNumbers = [...new Set(phases.map((entry) => entry.caseNumber))];
  return (
    <div class="chart">
      {caseNumbers.map((caseNumber) => (
        <div key={caseNumber} class="chart__case">
          {cases > 1 && <p class="chart__case-title">{words.case(caseNumber)}</p>}
          <ul class="chart__rows">
            {phases
              .filter((entry) => entry.caseNumber === caseNumber)
              .map((entry) => (
                <li key={entry.phase} class="chart__row">
                  <span class="chart__label">{titles[entry.phase]}</span>
                  <svg
                    class="chart__bar"
                    viewBox={`0 0 ${WIDTH + 2} 14`}
                    preserveAspectRatio="none"
                    aria-hidden="true"
                    focusable="false"
                  >
                    <rect class="chart__track" x="0" y="3" width={WIDTH + 2} height="8" rx="4" />
                    <rect
                      class="chart__actual"
                      x="0"
                      y="3"
                      width={scale(entry.actualMs)}
                      height="8"
                      rx="4"
                    />
                    <rect
                      class="chart__plan"
                      x={scale(entry.plannedMs)}
                      y="0"
                      width="2"
                      height="14"
                    />
                  </svg>
                  <span class="chart__figures">
                    {duration(entry.actualMs)}
                    <span class="muted">{words.ofPlanned(duration(entry.plannedMs))}</span>
                  </span>
                </li>
              ))}
          </ul>
        </div>
      ))}
      <p class="chart__total">
        {words.inAll}
        {duration(actual)}
        <span class="muted">{words.ofPlanned(duration(planned))}</span>
      </p>
      <p class="chart__legend muted">
        <span class="chart__key chart__key--actual" aria-hidden="true" />
        {words.ran}
        <span class="chart__key chart__key--plan" aria-hidden="true" />
        {words.plan}
      </p>
    </div>
  );
}
