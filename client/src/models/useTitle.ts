import { useEffect } from 'preact/hooks';

/** Names the browser tab after the page, so a facilitator with several tabs finds each. */
export function useTitle(page: string, group: string | undefined): void {
  useEffect(() => {
    document.title = [page, group, 'Balint Timer'].filter(Boolean).join(' · ');
  }, [page, group]);
}
