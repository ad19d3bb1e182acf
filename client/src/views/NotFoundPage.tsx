import { CLOSED_WORDS } from '../components/closedWords.ts';
import { useLanguage } from '../i18n/dictionary.ts';
import { homeWords } from '../i18n/home/words.ts';
import { browserLanguage } from '../i18n/languages.ts';
import { useValue } from '../models/useValue.ts';

/** Any path the app does not know, said in the browser's language. */
export function NotFoundPage() {
  const text = useLanguage(browserLanguage(), homeWords);
  const words = useValue(homeWords.words);
  if (!text || !words) return <main class="notice-page" />;
  return (
    <main class="notice-page">
      <div class="notice-card">
        <h1>{words.notFound.title}</h1>
        <p>{words.notFound.body}</p>
        <a class="button" href="/">
          {CLOSED_WORDS[text.locale].home}
        </a>
      </div>
    </main>
  );
}
