import { buildClient } from '../../tests/e2e/server.ts';
import { gzippedSizes, hasBuild, memberRouteFiles } from '../../tests/unit/client/memberBundle.ts';
import { type Figure, table } from '../lib/figure.ts';
import { fmt } from '../lib/stats.ts';

const BUDGET_BYTES = 30_000;

/**
 * Figure 8: the gzipped JS and CSS a member's phone downloads, from a fresh client build,
 * counted with the same helper the unit test uses (tests/unit/client/memberBundle.ts).
 */
export const pageWeightFigure: Figure = {
  id: '8',
  title: 'Member page weight',
  async run({ quick, log }) {
    // A quick run (CI, after npm test) reuses the build npm test made.
    if (!quick || !hasBuild()) {
      log('page weight: building the client');
      buildClient();
    }
    const sizes = gzippedSizes(memberRouteFiles());
    const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
    const rows = Object.entries(sizes)
      .sort(([, a], [, b]) => b - a)
      .map(([file, size]) => [`\`${file}\``, size.toLocaleString('en-US')]);
    const details = [
      'A production build of client/ (Vite), then every JS and CSS file of the member route in ' +
        'the Vite manifest (the entry and the member view with their static imports), gzipped at ' +
        'level 9, as `tests/unit/client/memberBundle.ts` counts them.',
      '',
      table(
        ['file', 'gzipped bytes'],
        [...rows, ['**total**', `**${total.toLocaleString('en-US')}**`]],
      ),
    ].join('\n');
    return [
      {
        id: '8',
        title: 'Member page: gzipped JS + CSS',
        measured: `${fmt(total / 1000, 1)} KB (${total.toLocaleString('en-US')} bytes)`,
        target: `≤ ${BUDGET_BYTES / 1000} KB`,
        holds: total <= BUDGET_BYTES,
        details,
      },
    ];
  },
};
