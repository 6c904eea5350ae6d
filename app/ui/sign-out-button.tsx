// A plain form POST to the logout route: works without JavaScript, and a GET
// (link, image) can never sign anyone out.
export function SignOutButton() {
  return (
    <form method="post" action="/logout">
      <button type="submit" className="button button-quiet">
        Sign out
      </button>
    </form>
  );
}
