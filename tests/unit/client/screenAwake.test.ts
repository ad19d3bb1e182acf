import { describe, expect, it, vi } from 'vitest';
import {
  type AwakeEnvironment,
  type NoSleepLike,
  ScreenAwake,
} from '../../../client/src/views/Display/screenAwake.ts';

function environment(overrides: Partial<AwakeEnvironment> = {}) {
  const events = new EventTarget();
  let visible = true;
  const env: AwakeEnvironment = {
    wakeLock: null,
    events,
    visible: () => visible,
    loadNoSleep: async () => ({ enable: async () => undefined, disable: () => undefined }),
    ...overrides,
  };
  return {
    env,
    fire: (type: string) => events.dispatchEvent(new Event(type)),
    setVisible: (value: boolean) => {
      visible = value;
    },
  };
}

const flush = () => new Promise((done) => setTimeout(done, 0));

describe('ScreenAwake', () => {
  it('takes a wake lock in a secure context, and again when the page is shown again', async () => {
    const release = vi.fn(async () => undefined);
    const request = vi.fn(async () => ({ release }) as unknown as WakeLockSentinel);
    const { env, fire, setVisible } = environment({ wakeLock: { request } });
    const awake = new ScreenAwake(env);
    await flush();
    expect(request).toHaveBeenCalledWith('screen');
    expect(awake.needsGesture.value).toBe(false);
    setVisible(false);
    fire('visibilitychange');
    expect(request).toHaveBeenCalledTimes(1);
    setVisible(true);
    fire('visibilitychange');
    expect(request).toHaveBeenCalledTimes(2);
    await flush();
    awake.dispose();
    expect(release).toHaveBeenCalled();
  });

  it('survives a refused wake lock', async () => {
    const request = vi.fn(async () => {
      throw new Error('NotAllowedError');
    });
    const awake = new ScreenAwake(environment({ wakeLock: { request } }).env);
    await flush();
    expect(awake.needsGesture.value).toBe(false);
    awake.dispose();
  });

  it('on plain HTTP, asks for one gesture and then starts the fallback', async () => {
    const noSleep: NoSleepLike = { enable: vi.fn(async () => undefined), disable: vi.fn() };
    const { env, fire } = environment({ loadNoSleep: async () => noSleep });
    const awake = new ScreenAwake(env);
    expect(awake.needsGesture.value).toBe(true);
    await flush();
    fire('click');
    await flush();
    expect(noSleep.enable).toHaveBeenCalledTimes(1);
    expect(awake.needsGesture.value).toBe(false);
    fire('keydown');
    expect(noSleep.enable).toHaveBeenCalledTimes(1);
    awake.dispose();
    expect(noSleep.disable).toHaveBeenCalled();
  });

  it('keeps asking if the browser refuses to start the fallback', async () => {
    const noSleep: NoSleepLike = {
      enable: vi.fn(async () => {
        throw new Error('play() refused');
      }),
      disable: vi.fn(),
    };
    const { env, fire } = environment({ loadNoSleep: async () => noSleep });
    const awake = new ScreenAwake(env);
    await flush();
    fire('click');
    await flush();
    expect(awake.needsGesture.value).toBe(true);
    awake.dispose();
  });
});
