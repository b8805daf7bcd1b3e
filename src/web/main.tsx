// First: starts the login check and the first page's queries and code before the rest evaluates.
import { firstPage } from "./boot";
import "./mantine-styles";
import "@mantine/notifications/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { languageReady } from "./i18n";

/** How long the first render waits for the login check, the page's code and the texts (then: loaders). */
const FIRST_RENDER_WAIT_MS = 1500;

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
// Rendering once they are in lets the page appear in one go (no loader, no half-rendered layout first).
void Promise.race([
  Promise.all([firstPage, languageReady]),
  new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
