import { describe, expect, it } from 'vitest';
import { gzippedSizes, hasBuild, MEMBER_VIEW, memberRouteFiles } from './memberBundle.ts';

/** DESIGN: the member page ships ≤ 30 KB of gzipped JavaScript and CSS. */
const BUDGET_BYTES = 30_000;
const built = hasBuild();
if (!built) {
  console.warn(
    '\n*** memberBundle.test.ts SKIPPED: client/dist is absent. Run `npm run build` to check the member page’s 30 KB budget. ***\n',
  );
}

describe.skipIf(!built)('member page bundle', () => {
  it(`ships at most ${BUDGET_BYTES} gzipped bytes of JS and CSS`, () => {
    const sizes = gzippedSizes(memberRouteFiles());
    const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
    console.info(`member page: ${total} bytes gzipped`, sizes);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('does not download the other views or the QR encoder', () => {
    const files = memberRouteFiles().join(' ');
    expect(files).toMatch(/MemberPage/);
    expect(files).not.toMatch(/FacilitatorPage|DisplayPage|HomePage|qrcode|QrCode/);
    expect(MEMBER_VIEW).toMatch(/Member/);
  });
});
