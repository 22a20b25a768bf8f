import { href } from "../lib/paths.ts";
import { Link } from "../lib/router.tsx";

/** An address that matches no page (a mistyped or truncated link), inside the shell. */
export function NotFound() {
  return (
    <section className="p-4">
      <h1 className="text-xl font-semibold">Nothing here</h1>
      <p className="mt-2">This address does not match any Rolecall view.</p>
      <Link to={href("home", {})} className="mt-3 inline-block text-blue-800 underline dark:text-blue-300">Go to the start page</Link>
    </section>
  );
}
