/** Any path the app does not know. */
export function NotFoundPage() {
  return (
    <main class="notice-page">
      <div class="notice-card">
        <h1>Page not found</h1>
        <p>This address is not a Balint Timer page. Check the link, or start again.</p>
        <a class="button" href="/">
          Go to the start page
        </a>
      </div>
    </main>
  );
}
