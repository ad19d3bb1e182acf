import { ContinueSection } from './ContinueSection.tsx';
import { CreateSection } from './CreateSection.tsx';
import { JoinSection } from './JoinSection.tsx';
import './home.css';

/**
 * The start page. Joining comes first (on a phone it is all a member needs, above the fold);
 * the facilitator's form sits beside it on a laptop and one tap away on a phone.
 */
export function HomePage() {
  return (
    <main class="home">
      <header class="home__intro">
        <h1>Balint Timer</h1>
        <p class="home__lead">
          A calm timer for Balint groups. The facilitator’s laptop leads the five phases, a
          projector shows the time left, and members follow on their phones.
        </p>
        <p class="home__confidential">
          <strong>Confidential by design.</strong> Never type case content here: no patient details,
          no notes. A presenter is at most a first name or initials, and everything is deleted when
          the group expires.
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
