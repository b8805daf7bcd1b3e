// First: takes over a server-rendered page's data, and starts the login check and the first page's code (and
// queries) before the rest evaluates.
import { firstPage, serverRender } from "./boot";
import "./mantine-styles";
import "@mantine/notifications/styles.css";
import { StrictMode } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { App } from "./App";
import { currentLanguage, languageReady } from "./i18n";
import { within } from "./lib/within";
import { queryClient } from "./queryClient";
import { routes } from "./router";

/** How long the first render waits for the login check, the page's code and the texts (then: loaders). */
const FIRST_RENDER_WAIT_MS = 1500;

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
// Rendering once they are in lets the page appear in one go (no loader, no half-rendered layout first); a page
// the server rendered is taken over once its code is in.
void within(Promise.all([firstPage, languageReady]), FIRST_RENDER_WAIT_MS).then(() => {
  const app = (
    <StrictMode>
      <App client={queryClient}>
        <RouterProvider router={createBrowserRouter(routes)} />
      </App>
    </StrictMode>
  );
  // The server renders in the account's language; this browser may have chosen another (then: render anew).
  if (serverRender && serverRender.language === currentLanguage() && root.firstChild) hydrateRoot(root, app);
  else createRoot(root).render(app);
});
