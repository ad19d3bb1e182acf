import { LANGUAGES } from '@balint/shared';
import { describe, expect, it } from 'vitest';
import {
  gzippedSizes,
  hasBuild,
  MEMBER_VIEW,
  memberRouteFiles,
  memberRouteFilesIn,
} from './memberBundle.ts';

/** DESIGN: the member page ships ≤ 30 KB of gzipped JavaScript and CSS. */
const BUDGET_BYTES = 30_000;
const built = hasBuild();
if (!built) {
  console.warn(
    '\n*** memberBundle.test.ts SKIPPED: client/dist is absent. Run `npm run build` to check the member page’s 30 KB budget. ***\n',
  );
}

describe.skipIf(!built)('member page bundle', () => {
  // A phone loads only the language it speaks; the budget holds with each one loaded.
  for (const language of LANGUAGES) {
    it(`[L5] ships at most ${BUDGET_BYTES} gzipped bytes of JS and CSS in ${language}`, () => {
      const sizes = gzippedSizes(memberRouteFilesIn(language));
      const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
      console.info(`member page in ${language}: ${total} bytes gzipped`, sizes);
      expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    });
  }

  it('does not download the other views or the QR encoder', () => {
    const files = memberRouteFiles().join(' ');
    expect(files).toMatch(/MemberPage/);
    expect(files).not.toMatch(/FacilitatorPage|DisplayPage|HomePage|qrcode|QrCode/);
    expect(MEMBER_VIEW).toMatch(/Member/);
  });

  it('[L5] loads no language before it knows which, and then only that one', () => {
    const route = memberRouteFiles();
    for (const language of LANGUAGES) {
      const words = memberRouteFilesIn(language).filter((file) => !route.includes(file));
      expect(words, language).toHaveLength(1);
      expect(words[0], language).toMatch(new RegExp(`assets/${language}-`));
    }
  });
});
