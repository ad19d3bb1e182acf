import { useLanguage } from '../../i18n/dictionary.ts';
import { homeWords } from '../../i18n/home/words.ts';
import { browserLanguage } from '../../i18n/languages.ts';
import { useValue } from '../../models/useValue.ts';
import { ContinueSection } from './ContinueSection.tsx';
import { CreateSection } from './CreateSection.tsx';
import { JoinSection } from './JoinSection.tsx';
import './home.css';

/**
 * The start page, in the browser's language. Joining comes first (on a phone it is all a member
 * needs, above the fold); the facilitator's form sits beside it on a laptop and one tap away on
 * a phone.
 */
export function HomePage() {
  const text = useLanguage(browserLanguage(), homeWords);
  const words = useValue(homeWords.words);
  if (!text || !words) return <main class="home" />;
  return (
    <main class="home">
      <header class="home__intro">
        <h1>Balint Timer</h1>
        <p class="home__lead">{words.lead}</p>
        <p class="home__confidential">
          <strong>{words.confidentialTitle}</strong> {words.confidential}
        </p>
      </header>
      <div class="home__grid">
        <JoinSection />
        <ContinueSection />
        <CreateSection />
      </div>
    </main>
  );
}
