import { startFirstPage } from "./pages";

/**
 * Imported first by main.tsx, so this runs before the rest of the app's code evaluates: the login check and
 * the first page's queries and code are on their way meanwhile. Settles when the login check is answered
 * and the page's code is in.
 */
export const firstPage = startFirstPage(window.location.pathname);
