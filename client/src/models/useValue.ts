import type { ReadonlySignal } from '@preact/signals-core';
import { useEffect, useState } from 'preact/hooks';

/**
 * Reads a model's signal in a component and re-renders when it changes. A hook instead of
 * @preact/signals' render integration keeps ~2 KB out of the member page.
 */
export function useValue<T>(source: ReadonlySignal<T>): T {
  const [, setValue] = useState<T>(() => source.peek());
  // subscribe() also reports the current value, which covers a change before the effect ran.
  useEffect(() => source.subscribe((value) => setValue(() => value)), [source]);
  return source.peek();
}
