import { startFirstPage } from "./pages";
import { queryClient } from "./queryClient";
import { takeServerRender } from "./server-render";

/**
 * Imported first by main.tsx, so this runs before the rest of the app's code evaluates. When the server
 * rendered the page, its answers are taken over first. Then the login check and the first page's code (and,
 * unless the server rendered the page, its queries) are on their way. `firstPage` settles when the login check
 * is answered and the page's code is in.
 */
export const serverRender = takeServerRender(queryClient);
export const firstPage = startFirstPage(window.location.pathname, serverRender !== null);
