/**
 * The server's rendering of a page (built by `vite build --ssr` into dist/ssr, loaded by the server's
 * web-pages.ts): for a logged-in user opening a page of PAGES, the HTML of that page with the data it shows
 * first, so that the browser paints it before the app's code has even arrived. The browser then takes the page
 * over (main.tsx) from the same data (boot.ts).
 */
import { dehydrate } from "@tanstack/react-query";
import { StrictMode } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router";
import type { Me } from "../shared/dto";
import type { ApiAnswer, ApiGet, RenderedPage } from "../shared/ssr";

export type { ApiAnswer, ApiGet, RenderedPage } from "../shared/ssr";

import { App } from "./App";
import { meQueryKey } from "./auth";
import { isLanguage, renderedIn } from "./i18n";
import { within } from "./lib/within";
import { matchPage, PAGES, startElsewhere } from "./pages";
import { newQueryClient } from "./queryClient";
import { routes } from "./router";
import { serverRenderBlock } from "./server-render";

const ORIGIN = "http://spelplan.invalid";
const handler = createStaticHandler(routes);

/**
 * How long the page's first queries may take before it is rendered without those still unanswered (the
 * browser then asks them itself and shows its loaders meanwhile): a slow list must not hold the whole page.
 */
export const DATA_WAIT_MS = 300;

/**
 * Renders the page at `url` (path and query) for the user that `get` asks as; null where the browser is
 * better left to it: nobody logged in, a path that is not one of the pages, a start page that sends the user on.
 * The page is in the account's language.
 */
export async function renderPage(
  url: string,
  get: ApiGet,
  dataWaitMs = DATA_WAIT_MS,
): Promise<RenderedPage | null> {
  const request = new Request(new URL(url, ORIGIN));
  const match = matchPage(new URL(request.url).pathname);
  if (!match) return null;
  const me = await get("/api/auth/me");
  if (me.status !== 200) return null;
  const user = me.body as Me;
  if (!isLanguage(user.language)) return null;
  const language = user.language;
  // The start page sends some roles on, which only the browser's router can do.
  if (match.page === PAGES.tasks && startElsewhere(user.role)) return null;

  // A cache of this request's own: nothing of one user's page can reach another's.
  const client = newQueryClient();
  client.setQueryData(meQueryKey, user);
  const queries = match.page.queries?.(match.params) ?? [];
  const answers: (ApiAnswer | undefined)[] = queries.map(() => undefined);
  await Promise.all([
    within(
      Promise.all(
        queries.map(async (q, i) => {
          answers[i] = await get(q.meta.path);
        }),
      ),
      dataWaitMs,
    ),
    match.page.code.load(),
  ]);
  // A query the API refused (404, 403) or has not answered in time is left to the browser, which shows the
  // page's own message or loader for it.
  queries.forEach((q, i) => {
    const answer = answers[i];
    if (answer?.status === 200) client.setQueryData(q.queryKey, answer.body);
  });

  const context = await handler.query(request);
  if (context instanceof Response) return null;
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = await renderedIn(language, () =>
    renderToString(
      <StrictMode>
        <App client={client}>
          <StaticRouterProvider router={router} context={context} hydrate={false} />
        </App>
      </StrictMode>,
    ),
  );
  const data = serverRenderBlock({ language, queries: dehydrate(client) });
  client.clear(); // nothing of this request stays behind in the server
  return { html, data, source: match.page.code.source, language };
}
