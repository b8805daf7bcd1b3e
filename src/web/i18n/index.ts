import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { LANGUAGES, type Language } from "../../shared/roles";
import { sv } from "./sv";
import { svExtra } from "./sv-extra";

const STORAGE_KEY = "spelplan.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

function initialLanguage(): Language {
  // Also evaluated on the server (entry-server.tsx), which renders each page in its own language.
  if (typeof document === "undefined") return "sv";
  // A page the server rendered is in the account's language (its <html lang>): hydrated in that language.
  const rendered = document.documentElement.lang;
  if (document.getElementById("root")?.firstChild && isLanguage(rendered)) return rendered;
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be unavailable (private mode); Swedish is the default.
  }
  return "sv";
}

function applyLanguage(language: string): void {
  // Also evaluated on the server (entry-server.tsx), which has no document.
  if (typeof document !== "undefined") document.documentElement.lang = language;
}

/** The language the page starts in, read before i18next's start (in Swedish) could change the document's. */
const initial = initialLanguage();

/**
 * Swedish, the default, is part of the first load; the other languages' texts are loaded when first chosen
 * (their own chunk), and the UI switches once they are in.
 */
const LOADERS: Record<Exclude<Language, "sv">, () => Promise<object>> = {
  en: () => import("./en-resources").then((m) => m.enResources),
};

/** Loads the language's texts unless i18next holds them already. */
async function loadTexts(language: Language): Promise<void> {
  if (language !== "sv" && !i18next.hasResourceBundle(language, "translation")) {
    i18next.addResourceBundle(language, "translation", await LOADERS[language]());
  }
}

async function switchTo(language: Language): Promise<void> {
  await loadTexts(language);
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

void i18next.use(initReactI18next).init({
  resources: { sv: { translation: { ...sv, ...svExtra } } },
  lng: "sv",
  fallbackLng: "sv",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
});
// From here on the document follows the UI's language. Until then it keeps its own: index.html's Swedish, or
// the language of the page the server rendered.
i18next.on("languageChanged", applyLanguage);

/**
 * The server's rendering (entry-server.tsx): `render` runs with the UI in `language`, whose texts are loaded
 * first. The switch, the rendering and the switch back are one synchronous run, so renderings in one thread
 * never see each other's language (i18next switches at once to a language whose texts it holds).
 */
export async function renderedIn<T>(language: Language, render: () => T): Promise<T> {
  await loadTexts(language);
  const before = i18next.language;
  void i18next.changeLanguage(language);
  if (i18next.language !== language) throw new Error(`i18next did not switch to ${language} at once`);
  try {
    return render();
  } finally {
    void i18next.changeLanguage(before);
  }
}

/**
 * Settles when the page's language is ready to show (main.tsx renders after it): that of the page the server
 * rendered, else the one chosen earlier in this browser.
 */
export const languageReady: Promise<void> = switchTo(initial).catch(() => {
  // The texts did not load (network): the UI stays Swedish.
});

/** The language the UI shows now ("sv" unless English was chosen). */
export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : "sv";
}

/** Switches the UI language and remembers the choice in this browser. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // ignore: the choice then lasts for this page only
  }
  await switchTo(language);
}

export default i18next;
