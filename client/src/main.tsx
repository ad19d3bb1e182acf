import type { ComponentType } from 'preact';
import { render } from 'preact';
import { routeOf } from './routes.ts';
import './styles/base.css';

interface CodeProps {
  code: string;
}

const root = document.getElementById('app') as HTMLElement;
const route = routeOf(location.pathname);

/** Each page is its own chunk: a phone following the session downloads only the member view. */
async function load(): Promise<void> {
  switch (route.page) {
    case 'home': {
      const { HomePage } = await import('./views/Home/HomePage.tsx');
      render(<HomePage />, root);
      return;
    }
    case 'facilitator': {
      const { FacilitatorPage } = await import('./views/Facilitator/FacilitatorPage.tsx');
      mount(FacilitatorPage, route.code);
      return;
    }
    case 'register': {
      const { RegisterPage } = await import('./views/Register/RegisterPage.tsx');
      mount(RegisterPage, route.code);
      return;
    }
    case 'display': {
      const { DisplayPage } = await import('./views/Display/DisplayPage.tsx');
      mount(DisplayPage, route.code);
      return;
    }
    case 'member': {
      const { MemberPage } = await import('./views/Member/MemberPage.tsx');
      mount(MemberPage, route.code);
      return;
    }
    case 'notFound': {
      const { NotFoundPage } = await import('./views/NotFoundPage.tsx');
      render(<NotFoundPage />, root);
      return;
    }
    default:
      route satisfies never;
  }
}

function mount(Page: ComponentType<CodeProps>, code: string): void {
  render(<Page code={code} />, root);
}

load().catch(() => {
  root.textContent = 'This page could not load. Check the connection and reload.';
});
