import { type DehydratedState, hydrate, type QueryClient } from "@tanstack/react-query";
import type { Me } from "../shared/dto";
import type { Language } from "../shared/roles";
import { setCsrfToken } from "./api";
import { meQueryKey } from "./auth";

/**
 * What the server hands over with a page it rendered (entry-server.tsx): the language it rendered in and the
 * answers it rendered from, as a JSON data block (not a script: the content security policy allows no inline
 * scripts, and a data block is not run).
 */
export interface ServerRender {
  language: Language;
  queries: DehydratedState;
}

export const SERVER_RENDER_ID = "spelplan-server-render";

/** The data block for `render`, safe inside HTML (no `<` can end the element early). */
export function serverRenderBlock(render: ServerRender): string {
  const json = JSON.stringify(render).replaceAll("<", "\\u003c");
  return `<script type="application/json" id="${SERVER_RENDER_ID}">${json}</script>`;
}

/**
 * In the browser, before the first queries start: takes over the server's answers into `client` (and the
 * session's CSRF token with the user), so that the page hydrates from the data it was rendered from and
 * nothing is asked again. Null when the server sent the page without rendering it.
 */
export function takeServerRender(client: QueryClient): ServerRender | null {
  const element = document.getElementById(SERVER_RENDER_ID);
  if (!element?.textContent) return null;
  try {
    const render = JSON.parse(element.textContent) as ServerRender;
    hydrate(client, render.queries);
    setCsrfToken(client.getQueryData<Me>(meQueryKey)?.csrfToken ?? null);
    return render;
  } catch {
    return null;
  } finally {
    element.remove();
  }
}
